"""Each staff action works, is audited with the staff number, and the audit holds no residents' data."""
from __future__ import annotations

import pytest

from drivers.base import HalError, RecommendedAction
from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.flow.staff import intents as si
from kiosk.flow.staff.pages import OUT_OF_SERVICE, STAFF
from kiosk.flow.state import ATTRACT
from kiosk.outbox.store import Outbox
from kiosk.staff.audit import AuditLog

from tests.flow.staff.conftest import STAFF_ID, STAFF_PIN, Card


@pytest.fixture
def staff(staff_host):
    """Logged in as S0042 with card and PIN."""
    for _ in range(5):
        staff_host.dispatch(si.CornerTap())
    staff_host.devices.card_reader.pending.pop().finish(Card(STAFF_ID))
    staff_host.dispatch(si.SubmitPin(STAFF_PIN))
    assert staff_host.state.screen == STAFF
    return staff_host


def last(services, action):
    entries = [e for e in services.audit.entries() if e["action"] == action]
    assert entries, f"no {action} in the audit log"
    assert entries[-1]["staff"] == "S0042"
    return entries[-1]


def test_print_test_slip_prints_and_reports_failure(staff, services):
    printer = staff.devices.printer
    staff.dispatch(si.PrintTestSlip())
    assert printer.printed[-1].title == "print-test" and printer.printed[-1].data
    assert staff.state.page.message.key == "staff.action.printing"
    printer.finish()
    assert staff.state.page.message.key == "staff.action.printed"
    assert last(services, "print_test")["ok"] is True
    staff.dispatch(si.PrintTestSlip())
    printer.finish(HalError("paper_out", "no paper", RecommendedAction.REPLACE_MEDIA))
    assert staff.state.page.message == staff.state.page.message.of(
        "staff.action.print_failed", error="paper_out")
    assert last(services, "print_test")["error"] == "paper_out"


def test_paper_replaced_is_recorded(staff, services):
    staff.dispatch(si.MarkPaperReplaced())
    assert staff.state.page.message.key == "staff.action.paper_replaced"
    last(services, "paper_replaced")


def test_open_locker_door_for_maintenance(staff, services):
    staff.dispatch(si.OpenLockerDoor(3))
    assert staff.devices.locker.opened == [3]
    staff.devices.locker.pending.pop().finish(True)
    assert staff.state.page.message.param("door") == 3
    entry = last(services, "open_locker")
    assert entry["door"] == 3 and entry["ok"] is True


def test_out_of_service_and_back(staff, services, clock):
    staff.dispatch(si.TakeOutOfService())
    assert staff.state.page.in_service is False
    staff.dispatch(si.LeaveStaff())
    assert staff.state.screen == OUT_OF_SERVICE
    page = staff.state.page
    assert page.reason.key == "staff.oos.reason.staff"
    assert page.alternative.param("hotline") == "12345" and page.alternative.param("place")
    assert not staff.state.chrome.in_session, "no Home/Back into the services"
    clock.advance(1000)
    staff.tick()
    assert staff.state.screen == OUT_OF_SERVICE, "the idle timer does not leave it"
    staff.dispatch(bi.Start())
    assert staff.state.screen == OUT_OF_SERVICE, "residents cannot start a session"
    services.state.back_in_service("fleet")  # the core API the fleet commands call
    assert staff.state.screen == ATTRACT
    last(services, "out_of_service")


def test_fleet_takes_it_out_after_the_residents_session(staff_host, services):
    staff_host.dispatch(bi.Start())
    in_session = staff_host.state.screen
    services.state.take_out_of_service("fleet", "fleet")
    assert staff_host.state.screen == in_session, "a resident mid-session finishes first"
    staff_host.dispatch(it.Finish())
    assert staff_host.state.screen == OUT_OF_SERVICE
    assert staff_host.state.page.reason.key == "staff.oos.reason.fleet"


def test_restart_is_requested_and_audited(staff, services):
    heard = []
    services.state.add_listener(heard.append)
    staff.dispatch(si.RestartApp())
    assert services.state.restart_requested and heard == ["restart"]
    last(services, "restart")


def test_retry_a_failed_outbox_item(staff, services, tmp_path):
    box = Outbox(tmp_path / "var" / "outbox.sqlite3", tmp_path / "var" / "outbox.key")
    services.outbox = box
    entry = box.enqueue("application", {"name": "张三", "id": STAFF_ID}, summary="demo")
    box.mark_done(box.mark_sending(entry), "failed", error_code="platform_rejected")
    staff.dispatch(si.RefreshStaff())
    page = staff.state.page
    assert dict(page.outbox_counts)["failed"] == 1
    assert [line.ref for line in page.outbox_entries] == [entry.local_ref]
    staff.dispatch(si.RetryOutboxItem(entry.local_ref))
    assert box.get(entry.local_ref).state == "queued"
    assert staff.state.page.message.key == "staff.action.retried"
    assert dict(staff.state.page.outbox_counts)["queued"] == 1
    staff.dispatch(si.RetryOutboxItem(entry.local_ref))  # not failed any more: a message
    assert staff.state.page.message.key == "staff.action.retry_failed"
    assert last(services, "outbox_retry")["ok"] is False
    box.close()


def test_call_staff_shows_a_banner_until_answered(staff, services):
    staff.dispatch(it.OpenHelp())
    assert staff.state.page.calls == 1
    staff.dispatch(si.AcknowledgeCall())
    assert staff.state.page.calls == 0
    assert last(services, "call_answered")["calls"] == 1


def test_leaving_wipes_the_staff_session(staff, services):
    journey = staff.staff_journey
    staff.dispatch(si.LeaveStaff())
    assert staff.state.screen == ATTRACT and journey.staff_no is None and staff.session is None
    staff.dispatch(si.PrintTestSlip())  # not accepted outside the staff screen
    assert staff.devices.printer.printed == []
    last(services, "staff_leave")


def test_home_out_of_staff_mode_wipes_the_staff_session(staff):
    staff.dispatch(it.Home())
    assert staff.state.screen != STAFF and staff.staff_journey.staff_no is None
    staff.dispatch(si.PrintTestSlip())
    assert staff.devices.printer.printed == []


def test_idle_timeout_wipes_the_staff_session(staff, clock):
    clock.advance(91)
    staff.tick()
    assert staff.state.screen == ATTRACT and staff.staff_journey.staff_no is None


def test_audit_holds_no_residents_or_staff_personal_data(staff, services, tmp_path):
    staff.dispatch(si.PrintTestSlip())
    staff.devices.printer.finish()
    staff.dispatch(si.LeaveStaff())
    text = (tmp_path / "var" / "log" / "staff-audit.jsonl").read_text()
    assert STAFF_ID not in text and STAFF_PIN not in text
    assert '"staff": "S0042"' in text
    log = AuditLog(tmp_path / "a.jsonl")
    log.record("S1", "note", detail=f"card {STAFF_ID}")
    assert STAFF_ID not in (tmp_path / "a.jsonl").read_text()


def test_audit_log_rotates_by_size(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl", max_bytes=400, backups=2)
    for i in range(40):
        log.record("S1", "refresh", n=i)
    assert (tmp_path / "audit.jsonl").stat().st_size <= 400
    assert (tmp_path / "audit.jsonl.1").exists() and (tmp_path / "audit.jsonl.2").exists()
    assert not (tmp_path / "audit.jsonl.3").exists()
    assert log.entries()[-1]["n"] == 39
