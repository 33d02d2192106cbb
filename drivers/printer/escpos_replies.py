"""Sort the printer's incoming bytes: DLE EOT status answers, per-job fence replies, and noise.

A job is confirmed only by its own fence: GS ( H fn 48 ("transmit process ID response") with a
4-digit ID, sent right after the job's data. The printer answers 37h 22h d1..d4 00h once every
byte before the fence has been processed, so a stray byte or a late reply of an earlier job can
never confirm a later one (the old GS r fence answered one anonymous byte).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from drivers.printer.escpos_status import is_dle_eot_reply

FENCE_HEAD = 0x37
FENCE_KIND = 0x22
FENCE_LEN = 7  # 37 22 d1 d2 d3 d4 00


def fence_command(fence_id: bytes) -> bytes:
    """GS ( H pL=6 pH=0 fn=48 m=48 d1..d4: ask for a process ID response after earlier data."""
    if len(fence_id) != 4 or not fence_id.isdigit():
        raise ValueError("a fence ID is 4 ASCII digits")
    return b"\x1d(H\x06\x00\x30\x30" + fence_id


def fence_id(number: int) -> bytes:
    """The 4-digit fence ID for a job number (wraps at 10,000)."""
    return b"%04d" % (number % 10000)


@dataclass
class ReplySorter:
    """Feed bytes one at a time; status answers come back, fences are remembered, noise counted."""

    fences: list[bytes] = field(default_factory=list)   # fence IDs seen since the last clear
    noise: int = 0
    _frame: bytearray = field(default_factory=bytearray)

    MAX_FENCES = 64  # bounded: a flood of fake fences cannot grow memory

    def feed(self, value: int) -> int | None:
        """Take one byte; return it when it is a DLE EOT answer, else None."""
        if self._frame:
            return self._in_frame(value)
        if value == FENCE_HEAD:
            self._frame.append(value)
            return None
        if is_dle_eot_reply(value):
            return value
        self.noise += 1
        return None

    def _in_frame(self, value: int) -> int | None:
        self._frame.append(value)
        n = len(self._frame)
        ok = (value == FENCE_KIND if n == 2 else 0x30 <= value <= 0x39 if n <= 6 else value == 0)
        if not ok:
            self.noise += n - 1
            self._frame.clear()
            return self.feed(value)  # the broken frame's last byte may start something valid
        if n == FENCE_LEN:
            if len(self.fences) >= self.MAX_FENCES:
                del self.fences[0]
            self.fences.append(bytes(self._frame[2:6]))
            self._frame.clear()
        return None

    def clear(self) -> None:
        """Forget fences seen and any partial frame (before a new job)."""
        self.fences.clear()
        self._frame.clear()
