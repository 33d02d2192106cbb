"""The apply journey end to end against the real reference platform process and a real outbox."""
from __future__ import annotations

import time

import pytest

from drivers.commands import HalError
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.pages import FORM, IDENTIFY, MATERIALS, REVIEW, SUBMITTED
from kiosk.flow.browse import intents as bi
from kiosk.flow.intents import Back, Finish
from kiosk.flow.state import ATTRACT
from tests.flow.apply.conftest import WANG, wang_card

pytestmark = pytest.mark.platform
CODE = "HRSS-001"  # fields: name, ID number (from the card), period (typed); material: id_card


def wait_for(predicate, timeout: float = 20.0):
    """Poll until predicate() is truthy (the outbox sender runs on its own thread)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("condition not reached")


def open_apply(host, code: str = CODE) -> None:
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService(code))
    assert host.state.page.guide.availability.ok, host.state.page.guide.availability
    host.dispatch(ai.StartApply(code))
    assert host.state.screen == IDENTIFY and host.state.page.state == "ready"


def identify_by_card(host, hub) -> None:
    hub.card_reader.insert()
    host.dispatch(ai.ReadIdCard())
    assert host.state.page.state == "reading"
    hub.card_reader.handles[-1].finish(wang_card())
    assert host.state.screen == FORM, host.state.page


def fill_and_review(host) -> None:
    page = host.state.page
    rows = {r.id: r for r in page.fields}
    assert rows["applicant_name"].origin == "document" and rows["applicant_name"].locked
    assert rows["applicant_id_number"].text == WANG["id"]
    assert rows["period"].origin is None and not rows["period"].locked
    host.dispatch(ai.FormDone())  # period missing: stays, with the field's message
    assert host.state.screen == FORM
    assert {r.id: r.error for r in host.state.page.fields}["period"].key == "input.error.required"
    host.dispatch(ai.TypeField("period", "2026年1月至10月"))
    host.dispatch(ai.FormDone())
    assert host.state.screen == MATERIALS
    id_row = host.state.page.materials[0]
    assert id_row.code == "id_card" and id_row.chosen == "certificate" and id_row.certificate
    host.dispatch(ai.MaterialsDone())
    assert host.state.screen == REVIEW


def outbox_files(tmp_path):
    files = [p for p in tmp_path.iterdir() if p.name.startswith("outbox.sqlite3")]
    assert files
    return files


def test_accepted_with_receipt_then_wiped(host, hub, services, caplog, tmp_path):
    before = len(services.client.list_applications(host_person(services)))
    open_apply(host)
    identify_by_card(host, hub)
    assert host.state.page.notice.key == "apply.identify.take_card"  # the card is still there
    hub.card_reader.remove()
    assert host.state.page.notice is None
    fill_and_review(host)
    host.dispatch(ai.SubmitApplication())
    assert host.state.screen == SUBMITTED
    page = wait_for(lambda: host.state.page if host.state.page.state == "accepted" else None)
    number = page.reference
    assert number.startswith("SL") and dict(page.message.params)["number"] == number
    status = services.client.get_application(number)
    assert status.status == "accepted"
    assert len(services.client.list_applications(host_person(services))) == before + 1
    job = hub.printer.printed[-1]
    text = job.data.decode("gb18030", errors="replace")
    assert number in text and "受理回执" in text and "12345" in text and "电子证照" in text
    assert "自助终端打印" in text
    assert WANG["name"] not in text and WANG["id"] not in text
    hub.printer.finish()
    assert host.state.page.printed.key == "apply.receipt.printed"
    host.dispatch(Finish())
    assert host.state.screen == ATTRACT
    assert_no_personal_data(host, caplog.text, outbox_files(tmp_path))


def test_server_down_queues_then_sends_once(host, hub, services, platform, caplog, tmp_path):
    person = host_person(services)
    before = len(services.client.list_applications(person))
    platform.handle.set_faults(["applications_create:drop_before"])
    try:
        open_apply(host)
        identify_by_card(host, hub)
        fill_and_review(host)
        host.dispatch(ai.SubmitApplication())
        page = wait_for(lambda: host.state.page if host.state.page.state == "queued" else None)
        assert page.reference.startswith("LOCAL-")
        queued_receipt = hub.printer.printed[-1].data.decode("gb18030", errors="replace")
        assert page.reference in queued_receipt and "尚未受理" in queued_receipt
        assert len(services.client.list_applications(person)) == before
    finally:
        platform.handle.set_faults([])
    services.outbox.sender.nudge()
    page = wait_for(lambda: host.state.page if host.state.page.state == "accepted" else None)
    assert page.reference.startswith("SL")
    assert hub.printer.printed[-1].data.decode("gb18030", errors="replace").count(page.reference) >= 1
    apps = services.client.list_applications(person)
    assert len(apps) == before + 1  # exactly once
    host.dispatch(Finish())
    assert_no_personal_data(host, caplog.text, outbox_files(tmp_path))


def test_card_fails_and_typing_is_refused_for_high_assurance(host, hub, services):
    open_apply(host)
    host.dispatch(ai.ReadIdCard())
    hub.card_reader.handles[-1].finish(error=HalError("read_failed", "no answer from the SAM"))
    page = host.state.page
    assert page.state == "failed" and page.message.key.startswith("apply.card.error.")
    assert not page.can_type and page.typed_refused.key == "apply.identify.typed_refused_high"
    host.dispatch(ai.TypeIdentity(WANG["id"], WANG["name"]))
    assert host.state.screen == IDENTIFY
    assert host.state.page.message.key == "apply.identify.typed_refused_high"
    assert journey(host).case.person_ref == ""  # never verified


def test_card_left_on_reader_is_logged_masked(host, hub, caplog):
    open_apply(host)
    identify_by_card(host, hub)
    held = list(strings_in(journey(host)))
    assert any(WANG["id"] in s for s in held)  # the privacy walker does see a live draft
    host.dispatch(Finish())
    assert_no_personal_data(host, caplog.text)
    assert "left on the reader" in caplog.text
    assert WANG["id"] not in caplog.text and WANG["id"][:3] in caplog.text


def test_idle_timeout_on_the_form_wipes_everything(host, hub, clock, caplog):
    open_apply(host)
    identify_by_card(host, hub)
    hub.card_reader.remove()
    host.dispatch(ai.TypeField("period", "2026年"))
    clock.advance(200)
    host.tick()
    assert host.state.screen == ATTRACT
    assert_no_personal_data(host, caplog.text)


def test_without_platform_apply_says_why(content, clock):
    from kiosk.flow.journeys import build_flow
    from testkit.fake_hub import FakeDeviceHub
    from testkit.inline_executor import InlineExecutor
    host = build_flow(content, FakeDeviceHub(), idle_timeout_s=90, idle_warning_s=30,
                      clock=clock, executor=InlineExecutor())
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService(CODE))
    host.dispatch(ai.StartApply(CODE))
    assert host.state.page.state == "blocked"
    assert host.state.page.message.key == "apply.no_platform"


# -- helpers -------------------------------------------------------------------------------------
def host_person(services) -> str:
    return services.client.verify_identity(method="id_card", id_number=WANG["id"],
                                           name=WANG["name"]).person_ref


def journey(host):
    return next(j for j in host.journeys if j.name == "apply")


def strings_in(obj, seen=None, depth=0):
    """Every string reachable from obj (dicts, sequences, dataclasses, plain objects)."""
    seen = seen if seen is not None else set()
    if id(obj) in seen or depth > 8:
        return
    seen.add(id(obj))
    if isinstance(obj, type) or callable(obj) and not hasattr(obj, "__dict__"):
        return
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, bytes):
        yield obj.decode("gb18030", errors="ignore")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings_in(k, seen, depth + 1)
            yield from strings_in(v, seen, depth + 1)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            yield from strings_in(v, seen, depth + 1)
    elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("kiosk."):
        yield from strings_in(vars(obj), seen, depth + 1)
    elif hasattr(obj, "__dataclass_fields__"):
        for name in obj.__dataclass_fields__:
            yield from strings_in(getattr(obj, name), seen, depth + 1)


def assert_no_personal_data(host, log_text: str, files=()) -> None:
    apply_journey = journey(host)
    assert apply_journey.case is None and host.session is None
    found = list(strings_in(apply_journey, depth=0)) + list(strings_in(host.state))
    for secret in (WANG["name"], WANG["id"]):
        assert not any(secret in s for s in found), secret
        assert secret not in log_text
    for path in files:  # the outbox database (and its WAL) holds the application sealed only
        data = path.read_bytes()
        for secret in (WANG["name"], WANG["id"]):
            assert secret.encode() not in data, path.name


def test_back_keeps_what_was_typed_and_a_second_read(host, hub):
    open_apply(host)
    identify_by_card(host, hub)
    host.dispatch(ai.TypeField("period", "2026年1月"))
    host.dispatch(ai.FormDone())
    assert host.state.screen == MATERIALS
    host.dispatch(Back())
    assert {r.id: r.text for r in host.state.page.fields}["period"] == "2026年1月"
    host.dispatch(Back())
    assert host.state.screen == IDENTIFY and host.state.page.state == "ready"
    identify_by_card(host, hub)  # read again: the typed value is still there
    assert {r.id: r.text for r in host.state.page.fields}["period"] == "2026年1月"
