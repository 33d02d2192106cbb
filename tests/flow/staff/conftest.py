"""Staff mode on the fake hub: a card reader and a locker whose reads the test finishes."""
from __future__ import annotations

import pytest

from kiosk.flow.staff import StaffJourney, StaffServices
from kiosk.staff.audit import AuditLog
from kiosk.staff.auth import StaffAuthenticator, StaffMember, StaffRegistry
from testkit.fake_hub import FakeDevice, FakeHandle

STAFF_ID = "110101199003074514"
STAFF_PIN = "482916"
TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # RFC 6238's test key, base32


class StaffCardReader(FakeDevice):
    """Each read waits until the test calls finish(...)."""

    def __init__(self, hub) -> None:
        super().__init__(hub, "card_reader")
        self.pending: list[FakeHandle] = []

    def read_card(self, timeout: float = 10.0) -> FakeHandle:
        handle = FakeHandle("read_card")
        self.pending.append(handle)
        return handle


class FakeLocker(FakeDevice):
    """Records the doors asked to open; each command waits for the test."""

    def __init__(self, hub) -> None:
        super().__init__(hub, "locker")
        self.opened: list[int] = []
        self.pending: list[FakeHandle] = []

    def open_door(self, lock: int, timeout: float = 5.0) -> FakeHandle:
        self.opened.append(lock)
        handle = FakeHandle("open_door")
        self.pending.append(handle)
        return handle


class Card:
    """What the card reader returns: only the ID number matters to staff login."""

    def __init__(self, id_number: str) -> None:
        self.id_number = id_number


class Wall:
    """A settable Unix time for TOTP."""

    def __init__(self, t: float) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def wall() -> Wall:
    return Wall(1_700_000_000.0)


@pytest.fixture
def staff_hub(hub):
    hub.card_reader = StaffCardReader(hub)
    hub.locker = FakeLocker(hub)
    hub.devices.update(card_reader=hub.card_reader, locker=hub.locker)
    return hub


@pytest.fixture
def services(tmp_path, clock, wall) -> StaffServices:
    registry = StaffRegistry([StaffMember.enrol("S0042", STAFF_ID, STAFF_PIN, TOTP_SECRET)])
    registry.save(tmp_path / "config" / "staff.json")
    auth = StaffAuthenticator(StaffRegistry.load(tmp_path / "config" / "staff.json"), clock, wall)
    return StaffServices(auth, AuditLog(tmp_path / "var" / "log" / "staff-audit.jsonl"))


@pytest.fixture
def staff_host(content, staff_hub, clock, services):
    from kiosk.flow.journeys import build_flow
    from testkit.inline_executor import InlineExecutor
    host = build_flow(content, staff_hub, idle_timeout_s=90, idle_warning_s=30, language="zh",
                      clock=clock, executor=InlineExecutor())
    journey = next(j for j in host.journeys if isinstance(j, StaffJourney))
    journey.attach(services)
    host.staff_journey = journey
    return host
