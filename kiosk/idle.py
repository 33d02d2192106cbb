"""Idle timeout with a warning phase, driven by an injectable clock (tests never sleep)."""
from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum
from typing import Callable


class IdlePhase(str, Enum):
    """Where the resident stands with the idle timer."""

    ACTIVE = "active"
    WARNING = "warning"
    EXPIRED = "expired"


@dataclass(frozen=True)
class IdleStatus:
    """The phase and the seconds left until the session is wiped."""

    phase: IdlePhase
    seconds_left: float


class IdleTimer:
    """Warns `warning_s` before `timeout_s` of inactivity; any touch restarts it."""

    def __init__(self, timeout_s: float, warning_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not 0 < warning_s < timeout_s:
            raise ValueError("need 0 < warning_s < timeout_s")
        self.timeout_s = timeout_s
        self.warning_s = warning_s
        self.clock = clock
        self._last = clock()

    def touch(self) -> None:
        """Record activity (any touch, or the one-tap 'I need more time')."""
        self._last = self.clock()

    def status(self) -> IdleStatus:
        """The current phase, computed from the clock."""
        left = self.timeout_s - (self.clock() - self._last)
        if left <= 0:
            return IdleStatus(IdlePhase.EXPIRED, 0.0)
        if left <= self.warning_s:
            return IdleStatus(IdlePhase.WARNING, left)
        return IdleStatus(IdlePhase.ACTIVE, left)
