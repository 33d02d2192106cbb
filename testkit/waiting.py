"""Polling until a condition holds, with a clear failure message instead of a bare False."""
from __future__ import annotations

import time
from typing import Callable


def wait_for(predicate: Callable[[], object], what: str = "condition", limit_s: float = 10.0,
             step_s: float = 0.02) -> None:
    """Return once predicate() is truthy; raise AssertionError naming `what` after limit_s."""
    deadline = time.monotonic() + limit_s
    while True:
        if predicate():
            return
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {limit_s:g} s waiting for {what}")
        time.sleep(step_s)
