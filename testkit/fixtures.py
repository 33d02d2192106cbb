"""Pytest fixtures for driver tests: a fake script clock and started devices stopped afterwards."""
from __future__ import annotations

import pytest

from testkit.clock import FakeClock
from testkit.recorder import EventRecorder


@pytest.fixture
def clock() -> FakeClock:
    """A clock the test moves by hand (simulator scripts run against it)."""
    return FakeClock()


@pytest.fixture
def run_sim():
    """run_sim(device) starts it with an EventRecorder; stops it (and checks the join) after."""
    started = []

    def start(device):
        rec = EventRecorder()
        device.add_listener(rec)
        device.start()
        started.append(device)
        return rec

    yield start
    for dev in started:
        thread = dev._thread
        dev.stop()
        assert thread is None or not thread.is_alive(), f"{dev.name}: stop() left its thread"
