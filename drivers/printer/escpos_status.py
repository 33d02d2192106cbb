"""ESC/POS real-time status (DLE EOT n) and GS r decoding, mapped to HAL states and errors."""
from __future__ import annotations

from dataclasses import dataclass

from drivers.base import DeviceState, HalError, MediaState, RecommendedAction

DLE_EOT = b"\x10\x04"
GS_R_PAPER = b"\x1dr\x01"  # paper sensor status; not a job fence (its answer carries no job identity)
CLEAR_BUFFERS = b"\x10\x14\x08\x01\x03\x14\x01\x06\x02\x08"  # DLE DC4 fn 8


class StatusByteError(HalError):
    """A status answer that is not a valid DLE EOT byte (line noise, wrong baud rate)."""

    def __init__(self, n: int, value: int) -> None:
        super().__init__("status_garbled",
                         f"The printer's status answer (0x{value:02X} to query {n}) is unreadable: "
                         "check the cable and the baud rate.", RecommendedAction.CALL_STAFF)


def is_dle_eot_reply(value: int) -> bool:
    """DLE EOT answers have bit 1 and bit 4 set, bit 0 and bit 7 clear."""
    return value & 0x93 == 0x12


def is_gs_r_reply(value: int) -> bool:
    """GS r answers have bit 4 and bit 7 clear (which tells them apart from DLE EOT answers)."""
    return value & 0x90 == 0


def decode(n: int, value: int) -> dict[str, bool]:
    """Flags of one DLE EOT n answer; raises StatusByteError on an invalid byte or n."""
    if n not in (1, 2, 3, 4) or not 0 <= value <= 255 or not is_dle_eot_reply(value):
        raise StatusByteError(n, value & 0xFF)
    if n == 1:
        return {"offline": bool(value & 0x08)}
    if n == 2:
        return {"cover_open": bool(value & 0x04), "paper_stop": bool(value & 0x20),
                "error": bool(value & 0x40)}
    if n == 3:
        return {"cutter_error": bool(value & 0x08), "unrecoverable": bool(value & 0x20)}
    return {"paper_low": bool(value & 0x0C), "paper_out": bool(value & 0x60)}


@dataclass(frozen=True)
class Condition:
    """The printer's condition from the four DLE EOT answers (None: it did not answer)."""

    answered: bool
    garbled: bool = False
    offline: bool = False
    cover_open: bool = False
    paper_out: bool = False
    paper_low: bool = False
    cutter_error: bool = False
    unrecoverable: bool = False
    error: bool = False
    paper_sensor: bool = True  # False: no DLE EOT 4 (roll sensor); paper end only from DLE EOT 2

    @classmethod
    def from_bytes(cls, answers: "list[int | None]", paper_sensor: bool = True) -> "Condition":
        """Build from the answers to n = 1, 2, 3, 4; any missing answer means no answer.

        With paper_sensor=False the fourth answer is not expected (the printer lacks DLE EOT 4).
        """
        used = answers[:3] if not paper_sensor else answers
        if len(answers) != 4 or any(a is None for a in used):
            return cls(answered=False)
        flags: dict[str, bool] = {"paper_low": False, "paper_out": False}
        for n, value in enumerate(used, 1):
            flags.update(decode(n, int(value)))  # type: ignore[arg-type]
        return cls(answered=True, offline=flags["offline"], cover_open=flags["cover_open"],
                   paper_out=flags["paper_out"] or flags["paper_stop"],
                   paper_low=flags["paper_low"], cutter_error=flags["cutter_error"],
                   unrecoverable=flags["unrecoverable"], error=flags["error"],
                   paper_sensor=paper_sensor)

    @property
    def ready(self) -> bool:
        """True when a job can be printed now."""
        return self.blocking_error() is None

    def blocking_error(self) -> HalError | None:
        """The error that stops printing, most specific first; None when the printer can print."""
        if self.garbled:
            return HalError("status_garbled", "The printer's status answers are unreadable: "
                            "check the cable and the baud rate.", RecommendedAction.CALL_STAFF)
        if not self.answered:
            return HalError("no_answer", "The printer does not answer: check that it is switched "
                            "on and its cable is connected.", RecommendedAction.CALL_STAFF)
        if self.unrecoverable:
            return HalError("unrecoverable_error", "The printer has a fault it cannot recover "
                            "from: switch it off and on, or replace it.", RecommendedAction.CALL_STAFF)
        if self.cutter_error:
            return HalError("cutter_error", "The printer's paper cutter is jammed: open the cover "
                            "and clear it.", RecommendedAction.CALL_STAFF)
        if self.cover_open:
            return HalError("cover_open", "The printer cover is open: close it.",
                            RecommendedAction.CALL_STAFF)
        if self.paper_out:
            return HalError("paper_out", "The printer is out of paper: load a new roll.",
                            RecommendedAction.REPLACE_MEDIA)
        if self.offline or self.error:
            return HalError("offline", "The printer is offline.", RecommendedAction.CALL_STAFF)
        return None

    def to_status(self) -> tuple[DeviceState, MediaState, str]:
        """HAL device state, media state and a short detail."""
        err = self.blocking_error()
        media = (MediaState.UNKNOWN if not self.answered else MediaState.PAPER_OUT
                 if self.paper_out else MediaState.PAPER_LOW if self.paper_low
                 else MediaState.PAPER_FULL if self.paper_sensor else MediaState.UNKNOWN)
        if err is None:
            detail = ("paper low" if self.paper_low else "" if self.paper_sensor
                      else "paper sensor not supported")
            return DeviceState.ONLINE, media, detail
        state = {"no_answer": DeviceState.OFFLINE, "status_garbled": DeviceState.OFFLINE, "offline": DeviceState.OFFLINE,
                 "cover_open": DeviceState.USER_ERROR, "paper_out": DeviceState.USER_ERROR,
                 }.get(err.code, DeviceState.HARDWARE_ERROR)
        return state, media, err.code
