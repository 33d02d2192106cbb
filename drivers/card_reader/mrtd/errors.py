"""The documented errors of the eMRTD stack: each a HalError with a specific code and plain message."""
from __future__ import annotations

from drivers.base import HalError, RecommendedAction


class MrtdError(HalError):
    """Any documented failure while reading a travel document (never carries personal data)."""


class MrzError(MrtdError):
    """The MRZ text is malformed or a check digit is wrong."""

    def __init__(self, detail: str) -> None:
        super().__init__("mrz_invalid",
                         f"The document's machine-readable zone is not valid ({detail}); "
                         "check it and enter it again.", RecommendedAction.RETRY)


class TlvError(MrtdError):
    """BER-TLV data is truncated or malformed."""

    def __init__(self, detail: str) -> None:
        super().__init__("malformed_data",
                         f"The chip returned data that could not be understood ({detail}).",
                         RecommendedAction.RETRY)


def bac_denied(sw: int) -> MrtdError:
    """The chip refused MUTUAL AUTHENTICATE: almost always a wrong MRZ."""
    return MrtdError("bac_denied",
                     f"The chip did not accept the document details (status {sw:04X}). Check the "
                     "document number, date of birth and expiry date, then try again.",
                     RecommendedAction.RETRY)


def bad_mac() -> MrtdError:
    """A secure-messaging response failed its MAC check."""
    return MrtdError("sm_bad_mac",
                     "The chip's answer failed its integrity check. Place the document on the "
                     "reader again; if this repeats, call staff.", RecommendedAction.RETRY)


def sm_status(sw: int) -> MrtdError:
    """The chip reported a secure-messaging error (6987 missing data objects, 6988 wrong ones)."""
    what = {0x6987: "expected secure-messaging data objects missing",
            0x6988: "secure-messaging data objects incorrect"}.get(sw, "secure messaging failed")
    return MrtdError("sm_error",
                     f"The chip rejected the protected exchange ({what}, status {sw:04X}). Place "
                     "the document on the reader again.", RecommendedAction.RETRY)


def sm_malformed(detail: str) -> MrtdError:
    """A protected response does not have the structure secure messaging requires."""
    return MrtdError("sm_malformed",
                     f"The chip's protected answer is malformed ({detail}). Place the document "
                     "again.", RecommendedAction.RETRY)


def card_status(what: str, sw: int) -> MrtdError:
    """An unexpected status word from the chip."""
    return MrtdError("card_error", f"The chip refused to {what} (status {sw:04X}).",
                     RecommendedAction.RETRY)


def not_emrtd(sw: int) -> MrtdError:
    """The card does not hold the ICAO eMRTD application."""
    return MrtdError("not_emrtd",
                     f"This card is not an electronic passport or travel document (status {sw:04X}).",
                     RecommendedAction.CLEAR)


def card_removed() -> MrtdError:
    """The card left the reader during a read."""
    return MrtdError("card_removed",
                     "The document was taken off the reader before reading finished. Place it "
                     "on the reader again and keep it still.", RecommendedAction.RETRY)


def card_io(detail: str) -> MrtdError:
    """The reader could not exchange data with the card (card still present)."""
    return MrtdError("card_io_error",
                     f"The reader could not talk to the document's chip ({detail}). Place it "
                     "again.", RecommendedAction.RETRY)
