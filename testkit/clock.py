"""A monotonic clock the test moves by hand (tests never sleep)."""
from __future__ import annotations

import threading


class FakeClock:
    """Callable like time.monotonic; `advance` moves it (safe to read from device threads)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        with self._lock:
            self.now += seconds
