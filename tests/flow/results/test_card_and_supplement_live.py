"""Progress by ID card and a 补正 answered at the kiosk, against the real reference platform and the
real outbox (fake hub: the card read is a stand-in, captured pages are real images)."""
from __future__ import annotations

import queue
import uuid

import numpy as np
import pytest

from drivers.document_camera.base import PAGE_CAPTURED
from kiosk.flow import intents as it
from kiosk.flow.results import intents as ri
from kiosk.flow.results.pages import PROGRESS, SUPPLEMENT
from kiosk.i18n import Msg
from kiosk.outbox import ACCEPTED, Outbox, OutboxService
from refplatform.seed_cases import new_supplement_case
from testkit.waiting import wait_for

pytestmark = pytest.mark.platform


@pytest.fixture
def outbox(platform, tmp_path):
    service = OutboxService(Outbox(tmp_path / "o.db", tmp_path / "o.key"), platform.client())
    events: "queue.Queue" = queue.Queue()
    service.add_listener(events.put)
    yield service, events
    service.stop()


def page_image(seed: int) -> np.ndarray:
    """A page-like image with some text-like strokes (what the document camera hands over)."""
    img = np.full((600, 420, 3), 235, np.uint8)
    rng = np.random.default_rng(seed)
    for y in range(60, 560, 40):
        x = int(rng.integers(30, 80))
        img[y:y + 6, x:x + int(rng.integers(150, 330))] = 40
    return img


def test_card_lists_all_of_the_holders_applications_and_opens_one(make_kiosk):
    k = make_kiosk()
    k.host.dispatch(ri.OpenProgress())
    k.host.dispatch(ri.UseCard())
    assert k.page.message == Msg("results2.card.place")
    k.card.place("zhang")
    numbers = {c.application_no for c in k.page.choices}
    assert {"SL20261025A0000003", "SL20261010A0000007", "SL20261026A0000004"} <= numbers
    assert "SL20261013A0000009" not in numbers  # chen's application is not in zhang's list
    assert k.page.identified and k.page.message == Msg("results2.card.choose")
    k.host.dispatch(ri.ChooseApplication("SL20261013A0000009"))  # not one of the choices: ignored
    assert not k.page.application_no
    k.host.dispatch(ri.ChooseApplication("SL20261025A0000003"))
    assert k.page.application_no == "SL20261025A0000003" and k.page.status == "in_review"
    assert [s.stage for s in k.page.stages if s.reached] == ["accepted", "in_review"]
    assert k.page.choices and k.page.identified  # the list stays to pick another one


def test_supplement_needs_the_applicants_card(make_kiosk, platform):
    no = new_supplement_case(platform.handle.db)
    k = make_kiosk()
    k.host.dispatch(ri.OpenProgress())
    k.type_and_submit(no)
    assert k.page.status == "supplement_required"
    assert k.page.supplement[-1] == Msg("results2.supplement.answer_here")
    k.host.dispatch(ri.AnswerSupplement())
    assert k.host.state.screen == PROGRESS and k.page.message == Msg("results2.supplement.need_card")
    k.card.place("li")  # someone else's card
    assert k.page.message == Msg("results.error.not_owner") and not k.page.identified
    k.host.dispatch(ri.AnswerSupplement())
    assert k.host.state.screen == PROGRESS
    k.card.place("zhang")
    assert k.page.identified and k.page.message == Msg("results2.card.owner")
    k.host.dispatch(ri.AnswerSupplement())
    assert k.host.state.screen == SUPPLEMENT


def answer(k, no: str) -> None:
    k.host.dispatch(ri.OpenProgress())
    k.card.place("zhang")
    k.host.dispatch(ri.ChooseApplication(no))
    k.host.dispatch(ri.AnswerSupplement())
    assert k.host.state.screen == SUPPLEMENT


def test_supplement_by_capture_and_certificate_goes_through_the_outbox(make_kiosk, platform, outbox):
    service, events = outbox
    no = new_supplement_case(platform.handle.db, materials=("disability_assessment", "hukou_book"))
    k = make_kiosk(outbox=service)
    answer(k, no)
    page = k.page
    assert page.reason == "残疾评定表缺少医生签字" and page.due == "2026-12-31"
    assert [m.code for m in page.materials] == ["disability_assessment", "hukou_book"]
    assert page.materials[1].certificates == (("EC-ZHANG-HK", "居民户口簿"),)
    assert page.materials[0].certificates == ()
    k.host.dispatch(ri.SendSupplement())
    assert k.page.message == Msg.of("results2.supplement.missing",
                                    materials="disability_assessment、hukou_book")
    k.host.dispatch(ri.FinishMaterial())
    assert k.page.message == Msg("results2.supplement.no_pages")
    for seed in (1, 2):
        k.hub.emit("document_camera", PAGE_CAPTURED, image=page_image(seed), quality={})
    assert k.page.materials[0].pages == 2
    k.host.dispatch(ri.FinishMaterial())
    assert k.page.materials[0].supplied == "capture" and k.page.current == 1
    k.host.dispatch(ri.UseCertificate("EC-LI-MC"))  # not offered for this material
    assert k.page.message == Msg("results2.supplement.cert_unknown")
    k.host.dispatch(ri.UseCertificate("EC-ZHANG-HK"))
    assert k.page.materials[1].supplied == "certificate"
    k.host.dispatch(ri.SendSupplement())
    wait_for(lambda: k.page.stage in ("sending", "queued"), f"supplement stored {k.page}")
    k.host.dispatch(ri.SendSupplement())  # a second tap stores nothing more
    service.start()
    entry = None
    while entry is None or entry.state != ACCEPTED:
        entry = events.get(timeout=30)
    assert entry.kind == "supplement" and entry.remote_ref == no
    wait_for(lambda: k.page.stage == "accepted", "accepted shown")
    assert k.page.message == Msg.of("results2.supplement.accepted", number=no)
    wait_for(lambda: k.hub.printer.pending, "the receipt sent to the printer")
    k.hub.printer.finish()
    assert k.page.receipt == Msg("apply.receipt.printed")
    text = k.hub.printer.printed[-1].data.decode("gb18030", errors="replace")
    assert no in text and "disability_assessment" in text and "hukou_book" in text
    status = k.client.get_application(no)
    assert status.status == "in_review" and status.timeline[-1]["step"] == "supplemented"
    k.host.dispatch(it.Back())  # back to the (old) timeline: answering again is refused
    k.host.dispatch(ri.AnswerSupplement())
    assert k.page.message == Msg("results2.supplement.already_sent")


def test_supplement_queued_when_the_platform_is_unreachable_says_so_on_the_receipt(
        make_kiosk, platform, outbox):
    service, _ = outbox
    no = new_supplement_case(platform.handle.db, materials=("hukou_book",))
    k = make_kiosk(outbox=service)
    answer(k, no)
    service.sender.reachable = False  # what the sender reports after failing to reach the platform
    k.host.dispatch(ri.UseCertificate("EC-ZHANG-HK"))
    k.host.dispatch(ri.SendSupplement())
    wait_for(lambda: k.page.stage == "queued", "queued shown")
    assert k.page.message.key == "results2.supplement.queued"
    wait_for(lambda: k.hub.printer.pending, "the receipt sent to the printer")
    k.hub.printer.finish()
    text = k.hub.printer.printed[-1].data.decode("gb18030", errors="replace")
    assert "尚未送达平台" in text and "LOCAL-" in text
    assert k.client.get_application(no).status == "supplement_required"  # nothing sent yet


def test_a_repeated_supplement_send_with_the_same_key_is_answered_once(make_kiosk, platform):
    """What the outbox relies on after a crash between sending and marking: same key, same answer."""
    no = new_supplement_case(platform.handle.db, materials=("hukou_book",))
    k = make_kiosk()
    materials = [{"code": "hukou_book", "via": "certificate", "cert_id": "EC-ZHANG-HK"}]
    key = str(uuid.uuid4())
    first = k.client.submit_supplement(no, materials, idempotency_key=key)
    again = k.client.submit_supplement(no, materials, idempotency_key=key)
    assert first == again and first["status"] == "in_review"
    steps = [s["step"] for s in k.client.get_application(no).timeline]
    assert steps.count("supplemented") == 1
    from kiosk.platform_link import PlatformRejected
    with pytest.raises(PlatformRejected) as err:  # a new key is a new request: refused clearly
        k.client.submit_supplement(no, materials, idempotency_key=str(uuid.uuid4()))
    assert err.value.code == "supplement_not_required"
