"""Waiting for something another thread does; the bound only guards against hangs."""
from __future__ import annotations

import threading
import time
from typing import Any, Callable


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


def wait_for_state(flow: Any, predicate: Callable[[Any], bool], what: str,
                   limit_s: float = 30.0) -> None:
    """Block until flow.state satisfies predicate (the flow's listener wakes the test)."""
    hit = threading.Event()
    flow.add_listener(lambda s: hit.set() if predicate(s) else None)
    if not predicate(flow.state):
        assert hit.wait(limit_s), f"never saw {what}; stuck at {flow.state.screen}: " \
                                  f"{flow.state.page}"


def wait_for_screen(flow: Any, screen: str, limit_s: float = 10.0) -> None:
    """Block until the flow shows screen."""
    wait_for_state(flow, lambda s: s.screen == screen, f"screen {screen}", limit_s)
