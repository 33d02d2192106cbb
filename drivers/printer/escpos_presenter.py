"""A kiosk printer's presenter: is the cut slip still waiting at the exit (DLE EOT 20, paper bit 5)?

Kiosk printers with a presenter answer DLE EOT 20 with six bytes `10 0F paper user rec unrec`;
bit 5 of the paper byte is set while a slip waits at the exit. Printers without a presenter do not
answer it, so the check is a setting (`presenter`).
"""
from __future__ import annotations

import time
from typing import Callable

from drivers.events import DeviceEvent, MediaTaken
from drivers.printer.base import SLIP_LEFT

FULL_STATUS_QUERY = b"\x10\x04\x14"
FULL_STATUS_HEAD = b"\x10\x0f"
FULL_STATUS_LEN = 6
SLIP_AT_EXIT = 0x20


def slip_at_exit(data: bytes) -> bool | None:
    """From the bytes read after the query: True/False, or None when no full answer is in them."""
    at = data.find(FULL_STATUS_HEAD)
    if at < 0 or len(data) - at < FULL_STATUS_LEN:
        return None
    return bool(data[at + 2] & SLIP_AT_EXIT)


class SlipWatch:
    """Turns presenter readings into events: slip left (once per slip, after slip_left_s) and taken."""

    def __init__(self, device: str, slip_left_s: float, emit: Callable[[DeviceEvent], None],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.device, self.slip_left_s, self.emit, self.clock = device, slip_left_s, emit, clock
        self.since: float | None = None  # when the current slip was first seen at the exit
        self.announced = False

    def seen(self, at_exit: bool) -> None:
        """One reading of the presenter sensor."""
        now = self.clock()
        if at_exit and self.since is None:
            self.since, self.announced = now, False
        elif at_exit and not self.announced and now - self.since >= self.slip_left_s:
            self.announced = True
            self.emit(DeviceEvent(self.device, SLIP_LEFT, {"waiting_s": round(now - self.since, 1)}))
        elif not at_exit and self.since is not None:
            self.since = None
            self.emit(MediaTaken(self.device))
