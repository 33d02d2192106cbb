"""A monotonic clock the test moves by hand (tests never sleep)."""
from __future__ import annotations


class FakeClock:
    """Call it for the time; `advance` moves it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += seconds
