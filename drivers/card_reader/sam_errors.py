"""Errors of the resident-ID (SAM) driver and the SW3 status table, each with a plain message."""
from __future__ import annotations

from drivers.base import HalError, RecommendedAction

R = RecommendedAction


class SamError(HalError):
    """Base of every error the SAM driver and its parsers raise."""


class FrameError(SamError):
    """A frame from the reader was damaged or malformed."""

    def __init__(self, detail: str, code: str = "frame_corrupt") -> None:
        super().__init__(code, f"The ID card reader sent a damaged answer ({detail}); "
                         "the cable may be loose or noisy.", R.RETRY)


class IdDataError(SamError):
    """The card's text data is not a valid resident ID record."""

    def __init__(self, detail: str) -> None:
        # detail names the field and the rule, never the personal value itself
        super().__init__("id_data_invalid", f"The ID card data is not valid ({detail}). "
                         "Place the card again; if this repeats, the card may be damaged.",
                         R.RETRY)


# SW3 (the reader's own status byte) -> (HAL code, plain message, action).
# Sources: GA/T 467 business-terminal interface as published by reader vendors.
SW3_OK = 0x90
SW3_FOUND = 0x9F
SW3_NO_CONTENT = 0x91
SW3_ERRORS: dict[int, tuple[str, str, RecommendedAction]] = {
    0x10: ("sam_checksum_error", "The ID card reader received a damaged command; "
           "the cable may be loose or noisy.", R.RETRY),
    0x11: ("sam_length_error", "The ID card reader received a command of the wrong length; "
           "the cable may be loose or noisy.", R.RETRY),
    0x21: ("sam_command_error", "The ID card reader rejected the command; "
           "the reader firmware may not match this driver.", R.CALL_STAFF),
    0x23: ("sam_not_permitted", "The ID card reader refused an operation it is not allowed "
           "to perform.", R.CALL_STAFF),
    0x24: ("sam_unknown_error", "The ID card reader reported an unknown internal error.",
           R.CALL_STAFF),
    0x31: ("card_auth_failed", "The ID card did not accept the reader. "
           "Place the card again.", R.RETRY),
    0x32: ("reader_auth_failed", "The reader could not verify the ID card. "
           "Place the card again; it may not be a genuine resident ID card.", R.RETRY),
    0x33: ("card_data_unverified", "The ID card's data failed verification. "
           "Place the card again.", R.RETRY),
    0x40: ("wrong_card", "This card is not a resident ID card. "
           "Please place your resident ID card.", R.CLEAR),
    0x41: ("read_failed", "The ID card could not be read; it may have moved. "
           "Place it flat on the reader and keep it still.", R.RETRY),
    0x47: ("card_random_failed", "The ID card did not answer the reader's challenge. "
           "Place the card again.", R.RETRY),
    0x60: ("sam_self_test_failed", "The ID card reader's security module failed its self-test; "
           "the reader must be serviced.", R.CALL_STAFF),
    0x66: ("sam_not_authorized", "The ID card reader's security module is not authorised; "
           "the reader must be serviced.", R.CALL_STAFF),
    0x80: ("no_card", "No ID card was found. Place your ID card on the reader.", R.RETRY),
    0x81: ("select_failed", "The ID card could not be selected. "
           "Place it flat on the reader and keep it still.", R.RETRY),
    0x91: ("no_content", "The ID card has no data for this item.", R.NONE),
}

# Codes that mean "the reader itself is unusable" (device state, not a card problem).
HARDWARE_SW3 = frozenset({0x60, 0x66})


def status_error(sw3: int) -> SamError:
    """The specific SamError for a non-success SW3 status byte."""
    entry = SW3_ERRORS.get(sw3)
    if sw3 in (0x90, 0x9F):  # a success code where this command never gives one
        return late_reply()
    if entry is None:
        return SamError("sam_unknown_status",
                        f"The ID card reader answered with an unknown status 0x{sw3:02X}.",
                        R.CALL_STAFF)
    code, message, action = entry
    return SamError(code, message, action)


def late_reply() -> SamError:
    """An answer that belongs to an earlier command arrived in place of this command's answer."""
    return SamError("late_reply", "The ID card reader's answer arrived late (it belonged to an "
                    "earlier command); try again.", R.RETRY)


def no_answer() -> SamError:
    """The reader did not answer in time."""
    return SamError("reader_no_answer", "The ID card reader did not answer; check that it is "
                    "powered and connected.", R.CALL_STAFF)


def port_lost(detail: str = "") -> SamError:
    """The serial port disappeared or failed."""
    return SamError("port_lost", "The connection to the ID card reader was lost"
                    + (f" ({detail})" if detail else "") + "; reconnecting.", R.CALL_STAFF)


def no_device(port: str) -> SamError:
    """The configured serial port cannot be opened."""
    return SamError("no_device", f"The ID card reader port {port} cannot be opened; check the "
                    "cable and the configuration.", R.CALL_STAFF)


def card_removed() -> SamError:
    """The card left the reader during a read."""
    return SamError("card_removed", "The ID card was taken away before reading finished. "
                    "Place it on the reader again and keep it still.", R.RETRY)
