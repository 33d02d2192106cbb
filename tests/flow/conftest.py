"""Flow fixtures: a real core (shipped catalog, simulated devices on their threads) with a fake
clock, and a host on the fake device hub with no threads for journey tests."""
from __future__ import annotations

import pytest

from kiosk.core import build_core
from testkit.clock import FakeClock
from testkit.fake_hub import FakeDeviceHub
from testkit.inline_executor import InlineExecutor


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(500.0)


@pytest.fixture
def core(clock):
    c = build_core(clock=clock)
    for dev in c.devices.devices.values():  # the simulators print and read instantly here
        if hasattr(dev, "print_delay"):
            dev.print_delay = 0.0
    yield c
    c.stop()


@pytest.fixture(scope="session")
def content():
    """The shipped catalog's content for the default profile (read once: it is immutable)."""
    c = build_core(start_devices=False)
    return c.content


@pytest.fixture
def hub() -> FakeDeviceHub:
    return FakeDeviceHub()


@pytest.fixture
def host(content, hub, clock):
    """Every registered journey on the fake hub: runs synchronously, no threads."""
    from kiosk.flow.journeys import build_flow
    return build_flow(content, hub, idle_timeout_s=90, idle_warning_s=30, language="zh",
                      clock=clock, executor=InlineExecutor())
