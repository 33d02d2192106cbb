"""Idle timeout with a warning phase, driven by an injectable clock (tests never sleep).

WCAG 2.2.1: the resident is always warned, with at least MIN_WARNING_S to answer, before the
session (and anything typed) is wiped; elder and keypad modes get longer times.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum
from typing import Callable

MIN_WARNING_S = 20


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
    """Warns `warning_s` before `timeout_s` of inactivity; any touch restarts it.

    elder_factor / keypad_factor stretch both times while that mode is on (the larger wins).
    """

    def __init__(self, timeout_s: float, warning_s: float,
                 clock: Callable[[], float] = time.monotonic,
                 elder_factor: float = 2.0, keypad_factor: float = 2.0) -> None:
        if not MIN_WARNING_S <= warning_s < timeout_s:
            raise ValueError(f"need {MIN_WARNING_S} <= warning_s < timeout_s")
        if elder_factor < 1 or keypad_factor < 1:
            raise ValueError("elder and keypad factors must be at least 1 (never shorter)")
        self.base_timeout_s = timeout_s
        self.base_warning_s = warning_s
        self.elder_factor = elder_factor
        self.keypad_factor = keypad_factor
        self.timeout_s = timeout_s
        self.warning_s = warning_s
        self.clock = clock
        self._last = clock()

    def set_mode(self, elder: bool = False, keypad: bool = False) -> None:
        """Use the times of the resident's mode (standard, elder, keypad)."""
        factor = max(1.0, self.elder_factor if elder else 1.0, self.keypad_factor if keypad else 1.0)
        self.timeout_s = self.base_timeout_s * factor
        self.warning_s = self.base_warning_s * factor

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
