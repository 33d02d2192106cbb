"""Apply-journey fixtures: the real reference platform process, a real outbox, the fake device hub
with a scripted card reader (the only fake: the SAM reader is a device), no UI."""
from __future__ import annotations

import datetime as dt

import pytest

from drivers.card_reader.base import CARD_INSERTED, CARD_REMOVED, IdentityRecord
from kiosk.core import build_core
from kiosk.flow.apply import ApplyServices
from kiosk.flow.journeys import build_flow
from kiosk.outbox import Outbox, OutboxService
from refplatform import seed
from tests.platform_support import start_platform
from testkit.fake_hub import FakeDevice, FakeDeviceHub, FakeHandle
from testkit.inline_executor import InlineExecutor

WANG = next(r for r in seed.RESIDENTS if r["key"] == "wang")
MONDAY_10 = dt.datetime(2026, 11, 30, 10, 0)  # inside the self-service hours of every item


class FakeCardReader(FakeDevice):
    """read_card returns a handle the test finishes; insert/remove emit the driver's events."""

    def __init__(self, hub: FakeDeviceHub) -> None:
        super().__init__(hub, "card_reader")
        self.handles: list[FakeHandle] = []

    def read_card(self, timeout: float = 10.0) -> FakeHandle:
        """A pending read."""
        handle = FakeHandle("read_card")
        self.handles.append(handle)
        return handle

    def insert(self) -> None:
        """A card lands on the reader."""
        self.hub.emit("card_reader", CARD_INSERTED)

    def remove(self) -> None:
        """The card is taken away."""
        self.hub.emit("card_reader", CARD_REMOVED)


def wang_card() -> IdentityRecord:
    """The seeded resident 王芳's ID card as the reader returns it."""
    return IdentityRecord("resident_id", WANG["name"], WANG["id"], sex="女", birth_date="2000-02-29",
                          address="福建省福州市鼓楼区示例路1号")


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    p = start_platform(tmp_path_factory.mktemp("apply-platform"), kiosk_id="kiosk-apply-1")
    yield p
    p.handle.stop()


@pytest.fixture(scope="module")
def content():
    """Catalog content whose clock says Monday 10:00 (self-service open)."""
    return build_core(start_devices=False, now=lambda: MONDAY_10).content


@pytest.fixture
def hub() -> FakeDeviceHub:
    h = FakeDeviceHub()
    h.card_reader = FakeCardReader(h)
    h.devices["card_reader"] = h.card_reader
    return h


@pytest.fixture
def services(platform, tmp_path):
    client = platform.client()
    outbox = OutboxService(Outbox(tmp_path / "outbox.sqlite3", tmp_path / "outbox.key"), client,
                           idle_poll_s=0.2, backoff_s=0.05, backoff_max_s=0.2)
    outbox.start()
    s = ApplyServices(client, outbox)
    yield s
    s.stop()


@pytest.fixture
def host(content, hub, clock, services):
    return build_flow(content, hub, services=services, idle_timeout_s=90, idle_warning_s=30,
                      language="zh", clock=clock, executor=InlineExecutor())
