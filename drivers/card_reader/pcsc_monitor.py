"""Reader and card presence via PC/SC (pyscard's scard layer), surviving reader unplug and pcscd restarts.

pyscard's CardMonitor thread dies silently if created while pcscd is down (DESIGN.md §5), so
presence is polled here on the driver's own worker thread with SCardGetStatusChange(timeout 0),
and the PC/SC context is re-established whenever the service goes away and comes back.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from smartcard import scard

log = logging.getLogger(__name__)

_NO_READERS = {scard.SCARD_E_NO_READERS_AVAILABLE}


@dataclass(frozen=True)
class ReaderState:
    """One reader as seen at one poll."""

    name: str
    present: bool
    atr: bytes


class PcscMonitor:
    """Polls the PC/SC service; `snapshot()` is None while pcscd is unreachable."""

    def __init__(self) -> None:
        self._context: int | None = None
        self.restarts = 0  # contexts established after the first one (pcscd restarts seen)
        self._established = 0

    def _context_or_none(self) -> int | None:
        if self._context is None:
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                return None
            self._context = context
            self._established += 1
            self.restarts = max(0, self._established - 1)
        return self._context

    def _drop(self) -> None:
        if self._context is not None:
            try:
                scard.SCardReleaseContext(self._context)
            except Exception:  # the service is gone; nothing to release
                pass
            self._context = None

    def close(self) -> None:
        """Release the PC/SC context."""
        self._drop()

    def snapshot(self) -> dict[str, ReaderState] | None:
        """Every reader with card presence and ATR; None when the service is down."""
        context = self._context_or_none()
        if context is None:
            return None
        hresult, names = scard.SCardListReaders(context, [])
        if hresult in _NO_READERS:
            return {}
        if hresult != scard.SCARD_S_SUCCESS:
            self._drop()  # stale context after a restart, or the service stopped
            return None
        query = [(name, scard.SCARD_STATE_UNAWARE) for name in names]
        hresult, states = scard.SCardGetStatusChange(context, 0, query)
        if hresult == scard.SCARD_E_TIMEOUT:
            states = [(n, 0, []) for n in names]
        elif hresult != scard.SCARD_S_SUCCESS:
            if hresult in (scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE):
                return {}  # a reader vanished between the two calls; next poll sees it
            self._drop()
            return None
        out = {}
        for name, event, atr in states:
            present = bool(event & scard.SCARD_STATE_PRESENT) and not event & scard.SCARD_STATE_MUTE
            out[name] = ReaderState(name, present, bytes(atr) if present else b"")
        return out


def pick_reader(names: list[str], wanted: str | None) -> str | None:
    """The configured reader: exact name, else first containing `wanted`, else the first one."""
    if not names:
        return None
    if not wanted:
        return sorted(names)[0]
    if wanted in names:
        return wanted
    return next((n for n in sorted(names) if wanted.lower() in n.lower()), None)
