"""Results-journey fixtures: the REAL reference platform process, hosts on the fake hub.

Mocked (cannot be exercised through the fake hub): the ID card reader's read — a stand-in
returns a seeded resident's card record; the platform then verifies it for real.
"""
from __future__ import annotations

import datetime as dt

import pytest

from drivers.card_reader.base import IdentityRecord
from drivers.events import CardInserted
from kiosk.flow.host import FlowHost
from kiosk.flow.journeys import JOURNEYS
from kiosk.flow.results import ResultsJourney, access
from refplatform import seed
from testkit.clock import FakeClock
from testkit.fake_hub import FakeDeviceHub, FakeHandle
from testkit.inline_executor import InlineExecutor
from tests.platform_support import start_platform

RESIDENT = {r["key"]: r for r in seed.RESIDENTS}


class CardStandIn:
    """The card reader's read: returns the record of the resident whose card the test 'places'."""

    def __init__(self, hub: FakeDeviceHub) -> None:
        self.hub, self.record = hub, None

    def status(self):  # noqa: ANN201
        return self.hub.printer.status()

    def place(self, key: str) -> None:
        """Put a seeded resident's card on the reader: the real CardInserted event follows."""
        r = RESIDENT[key]
        self.record = IdentityRecord(document_type="resident_id", name=r["name"], id_number=r["id"])
        for cb in list(self.hub._listeners):
            cb(CardInserted("card_reader", reader="stand-in"))

    def read_card(self, timeout: float = 10.0) -> FakeHandle:
        handle = FakeHandle("read_card")
        handle.finish(self.record)
        return handle


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    p = start_platform(tmp_path_factory.mktemp("platform"))
    yield p
    p.handle.stop()


class Kiosk:
    """One kiosk: host + fake hub + card stand-in + a real client of the running platform."""

    def __init__(self, content, client, outbox=None, today=dt.date(2026, 11, 28)) -> None:  # noqa: ANN001
        self.hub = FakeDeviceHub()
        self.card = CardStandIn(self.hub)
        self.hub.card_reader = self.card
        self.client = client
        self.host = FlowHost(content, self.hub, idle_timeout_s=90, idle_warning_s=30, language="zh",
                             clock=FakeClock(500.0), executor=InlineExecutor())
        for journey in JOURNEYS:
            j = self.host.register(journey)
            if isinstance(j, ResultsJourney):
                self.results = j
        self.results.progress.today = lambda: today
        access.provide(self.host, platform=client, outbox=outbox)

    @property
    def page(self):  # noqa: ANN201
        return self.host.state.page

    def type_and_submit(self, text: str) -> None:
        from kiosk.flow.results import intents as ri
        for ch in text:
            self.host.dispatch(ri.PressKey(ch))
        self.host.dispatch(ri.SubmitEntry())


@pytest.fixture
def make_kiosk(content, platform):
    """Kiosk(...) factory; clients are closed afterwards."""
    made = []

    def make(kiosk_id: str | None = None, **kw) -> Kiosk:  # noqa: ANN003
        if kiosk_id:
            from kiosk.platform_link import PlatformClient
            client = PlatformClient(platform.url, kiosk_id, platform.handle.add_kiosk(kiosk_id).encode(),
                                    read_timeout=5.0, backoff_s=0.01)
        else:
            client = platform.client()
        k = Kiosk(content, client, **kw)
        made.append(k)
        return k
    yield make
    for k in made:
        k.client.close()
