"""Progress query against the real reference platform: typed number, receipt QR, 补正, lateness."""
from __future__ import annotations

import datetime as dt

import pytest

from drivers.events import CodeScanned
from kiosk import codes
from kiosk.flow.results import intents as ri
from kiosk.flow.results.pages import PROGRESS
from kiosk.i18n import Msg

pytestmark = pytest.mark.platform


def scan(kiosk, text: str) -> None:
    for cb in list(kiosk.hub._listeners):
        cb(CodeScanned("qr_camera", text=text, raw=text.encode()))


def test_typed_number_shows_the_timeline_with_departments_and_promised_date(make_kiosk):
    k = make_kiosk()
    k.host.dispatch(ri.OpenProgress())
    assert k.host.state.screen == PROGRESS and k.hub.qr_camera.scanning
    k.host.dispatch(ri.PressKey("X"))
    k.host.dispatch(ri.PressKey("DEL"))
    k.type_and_submit("SL20261025A0000003")  # zhang, in review
    page = k.page
    assert page.application_no == "SL20261025A0000003" and page.status == "in_review"
    reached = [s.stage for s in page.stages if s.reached]
    assert reached == ["accepted", "in_review"]
    assert [s.stage for s in page.stages] == ["accepted", "in_review", "decided", "result_ready", "delivered"]
    assert all(s.department for s in page.stages if s.reached)
    assert page.promised_date and page.message == Msg("results.status.in_review")
    assert page.late == (dt.date.fromisoformat(page.promised_date) < dt.date(2026, 11, 28))


def test_late_when_past_the_promised_date_and_not_decided(make_kiosk):
    k = make_kiosk(today=dt.date(2030, 1, 1))
    k.host.dispatch(ri.OpenProgress())
    k.type_and_submit("SL20261025A0000003")
    assert k.page.late is True
    k2 = make_kiosk(today=dt.date(2030, 1, 1))
    k2.host.dispatch(ri.OpenProgress())
    k2.type_and_submit("SL20261010A0000007")  # result ready: no longer late
    assert k2.page.status == "result_ready" and k2.page.late is False
    k3 = make_kiosk(today=dt.date(2030, 1, 1))
    k3.host.dispatch(ri.OpenProgress())
    k3.type_and_submit("SL20261026A0000004")  # 补正 suspends the time limit
    assert k3.page.status == "supplement_required" and k3.page.late is False


def test_receipt_qr_shows_a_supplement_request_with_what_and_why(make_kiosk):
    k = make_kiosk()
    k.host.dispatch(ri.OpenProgress())
    scan(k, codes.build_receipt("SL20261026A0000004"))
    page = k.page
    assert page.status == "supplement_required"
    keys = [m.key for m in page.supplement]
    assert keys[0] == "results.supplement.due" and page.supplement[0].param("due") == "2026-11-09"
    assert Msg.of("results.supplement.material", name="disability_assessment") in page.supplement
    assert any(m.param("reason") == "残疾评定表缺少医生签字" for m in page.supplement)
    assert keys[-1] == "results2.supplement.answer_here"


def test_unknown_number_and_bad_codes_get_specific_messages(make_kiosk):
    k = make_kiosk()
    k.host.dispatch(ri.OpenProgress())
    k.host.dispatch(ri.SubmitEntry())
    assert k.page.message == Msg("results.entry.empty")
    k.type_and_submit("SL20990101A0000099")
    assert k.page.message == Msg("results.error.application_unknown") and not k.page.stages
    good = codes.build_receipt("SL20261026A0000004")
    scan(k, good[:-1] + ("0" if good[-1] != "0" else "1"))  # wrong check character
    assert k.page.message == Msg(codes.CodeError("tampered", "").message_key)
