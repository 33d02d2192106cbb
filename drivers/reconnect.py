"""Capped exponential backoff for reopening a device that went away (used by the HAL base)."""
from __future__ import annotations

import time
from typing import Callable


class Backoff:
    """Delays between reopen attempts: first, 2*first, 4*first ... up to cap; reset on success."""

    def __init__(self, first: float = 0.5, cap: float = 8.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if first <= 0 or cap < first:
            raise ValueError(f"backoff needs 0 < first <= cap, got first={first}, cap={cap}")
        self.first, self.cap = first, cap
        self._clock = clock
        self._delay = first
        self._next_at = 0.0
        self.failures = 0  # attempts failed in the current outage

    def failed(self) -> float:
        """Record a failed attempt; returns the delay before the next one."""
        delay = self._delay
        self.failures += 1
        self._next_at = self._clock() + delay
        self._delay = min(self.cap, self._delay * 2)
        return delay

    def succeeded(self) -> int:
        """Record success; returns how many attempts had failed in the outage that just ended."""
        failures, self.failures = self.failures, 0
        self._delay, self._next_at = self.first, 0.0
        return failures

    def due(self) -> bool:
        """True when the next attempt may run."""
        return self._clock() >= self._next_at

    def remaining(self) -> float:
        """Seconds until the next attempt may run (0 when it is due)."""
        return max(0.0, self._next_at - self._clock())
