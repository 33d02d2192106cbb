"""Report a code once while it stays in view: a code counts as new after it was gone a while."""
from __future__ import annotations

import time
from typing import Callable


class CodeDeduper:
    """Remembers when each payload was last seen; `is_new` is True only for a first sighting.

    A code held in front of the camera is seen in many frames; it is reported again only after
    it has been out of view for `window_s` seconds (the resident showed it a second time).
    """

    def __init__(self, window_s: float = 3.0, clock: Callable[[], float] = time.monotonic,
                 max_entries: int = 64) -> None:
        self.window_s = window_s
        self.clock = clock
        self.max_entries = max_entries
        self._last_seen: dict[bytes, float] = {}

    def is_new(self, raw: bytes) -> bool:
        """Record a sighting of raw; True when it should be reported."""
        now = self.clock()
        last = self._last_seen.get(raw)
        self._last_seen[raw] = now
        if len(self._last_seen) > self.max_entries:
            self._forget_older_than(now - self.window_s)
        return last is None or now - last > self.window_s

    def reset(self) -> None:
        """Forget everything (scanning was switched off and on again)."""
        self._last_seen.clear()

    def _forget_older_than(self, cutoff: float) -> None:
        for key in [k for k, t in self._last_seen.items() if t < cutoff]:
            del self._last_seen[key]
