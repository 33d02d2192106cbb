"""Auto-capture: fire once the page has stayed put and sharp for N frames; counts frames, no clock."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEARCHING, SETTLING, FIRED = "searching", "settling", "fired"


@dataclass(frozen=True)
class Step:
    """What the state machine decided for one frame."""

    state: str
    fire: bool
    steady_frames: int
    moving: bool


class AutoCapture:
    """Feed it one detection per frame; `fire` is True on the frame the page should be captured.

    Steady means every corner moved less than `motion_tol` (share of the frame diagonal) from the
    previous frame, for `steady_frames` frames in a row, with the page's quality 'ok'. After
    firing it waits until the page leaves (`gone_frames` frames without a page) or moves by more
    than `new_page_tol`, so the same page is captured once and the next page laid down is captured
    next.
    """

    def __init__(self, diagonal: float, steady_frames: int = 6, motion_tol: float = 0.003,
                 gone_frames: int = 3, new_page_tol: float = 0.05) -> None:
        self.diagonal = float(diagonal)
        self.steady_frames = steady_frames
        self.motion_tol = motion_tol
        self.gone_frames = gone_frames
        self.new_page_tol = new_page_tol
        self.state = SEARCHING
        self._prev: np.ndarray | None = None
        self._fired_at: np.ndarray | None = None
        self._steady = 0
        self._missing = 0

    def rearm(self) -> None:
        """Allow the page currently in view to be captured again (a new capture was asked for)."""
        self.state = SEARCHING
        self._fired_at = None
        self._steady = 0

    def update(self, corners: np.ndarray | None, quality_ok: bool) -> Step:
        """Advance by one frame with its detected corners (or None) and whether quality is ok."""
        if corners is None:
            self._missing += 1
            self._prev = None
            self._steady = 0
            if self.state == FIRED and self._missing >= self.gone_frames:
                self.rearm()
            elif self.state != FIRED:
                self.state = SEARCHING
            return Step(self.state, False, 0, False)
        self._missing = 0
        q = np.asarray(corners, np.float64).reshape(4, 2)
        moving = False
        if self._prev is not None:
            motion = float(np.linalg.norm(q - self._prev, axis=1).max()) / self.diagonal
            moving = motion > self.motion_tol
        self._prev = q
        if self.state == FIRED:
            shift = float(np.linalg.norm(q - self._fired_at, axis=1).max()) / self.diagonal
            if shift <= self.new_page_tol:
                return Step(FIRED, False, 0, moving)
            self.rearm()
        self.state = SETTLING
        self._steady = self._steady + 1 if (not moving and quality_ok) else 0
        if self._steady >= self.steady_frames:
            self.state = FIRED
            self._fired_at = q
            self._steady = 0
            return Step(FIRED, True, self.steady_frames, moving)
        return Step(SETTLING, False, self._steady, moving)
