"""One pyscard connection to a card as an APDU transmit function with removal detection."""
from __future__ import annotations

from smartcard.Exceptions import SmartcardException
from smartcard.pcsc.PCSCReader import PCSCReader
from smartcard import scard

from drivers.card_reader.mrtd.errors import card_io, card_removed


class TransportLost(Exception):
    """An APDU exchange failed; the card may have been removed (to be confirmed)."""

    def __init__(self, hresult: int | None) -> None:
        super().__init__(f"transmit failed (hresult {hresult})")
        self.hresult = hresult

    @property
    def surely_removed(self) -> bool:
        """True when PC/SC itself said the card was removed or reset."""
        return self.hresult in (scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD,
                                scard.SCARD_W_RESET_CARD)


class CardConnection:
    """A connected card; `transmit(apdu) -> response+SW`. Use as a context manager."""

    def __init__(self, reader: str) -> None:
        self.reader = reader
        self._conn = None

    def __enter__(self) -> "CardConnection":
        try:
            conn = PCSCReader(self.reader).createConnection()
            conn.connect()
        except SmartcardException as exc:
            hresult = getattr(exc, "hresult", None)
            if hresult in (scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD):
                raise card_removed() from None
            raise card_io(f"connect failed, PC/SC code {hresult}") from None
        self._conn = conn
        return self

    def __exit__(self, *exc: object) -> None:
        if self._conn is not None:
            try:
                self._conn.disconnect()
                self._conn.release()
            except Exception:  # the card or service may already be gone
                pass
            self._conn = None

    def atr(self) -> bytes:
        """The ATR of the connected card."""
        assert self._conn is not None
        return bytes(self._conn.getATR())

    def transmit(self, apdu: bytes) -> bytes:
        """Send one APDU; raise TransportLost on any PC/SC failure."""
        assert self._conn is not None
        try:
            data, sw1, sw2 = self._conn.transmit(list(apdu))
        except SmartcardException as exc:
            raise TransportLost(getattr(exc, "hresult", None)) from None
        return bytes(data) + bytes([sw1, sw2])
