"""A real core (shipped catalog, simulated devices on their worker threads) with a fake clock."""
from __future__ import annotations

import threading

import pytest

from kiosk.core import build_core
from kiosk.flow.view import Screen


class FakeClock:
    """Monotonic clock moved by the test."""

    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def core(clock):
    c = build_core(clock=clock)
    for dev in c.devices.devices.values():  # the simulators print and read instantly here
        if hasattr(dev, "print_delay"):
            dev.print_delay = 0.0
    yield c
    c.stop()


def wait_for_screen(flow, screen: Screen, limit_s: float = 10.0) -> None:
    """Block the test (not a UI) until the flow reaches screen; the bound only guards hangs."""
    reached = threading.Event()
    flow.add_listener(lambda s: reached.set() if s.screen == screen else None)
    if flow.state.screen != screen:
        assert reached.wait(limit_s), f"flow never reached {screen}, stuck at {flow.state.screen}"
