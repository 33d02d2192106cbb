""""Can it be done here, now?" on the guide screen: device offline, hours closed, ineligible."""
from __future__ import annotations

import datetime as dt

import pytest

from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from testkit.ui_harness import texts, walk

pytestmark = pytest.mark.ui


def open_guide(ui, code):
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    ui.app.send(bi.OpenService(code))  # reaching a row by touch is covered in test_journey
    ui.wait_screen("guide")
    return ui.screen("guide")


def banner(guide_screen) -> str:
    return "\n".join(texts(guide_screen.ids.availability))


@pytest.fixture
def printer(fresh):
    dev = fresh.app.core.devices.printer
    yield dev
    dev.set_offline(False)


def test_printer_offline_shows_reason_and_alternative_live(fresh, printer):
    ui = fresh
    item = ui.app.core.content.catalog.get("HRSS-001")
    assert "printer" in item.devices
    printer.set_offline(True)
    screen = open_guide(ui, "HRSS-001")
    tr = ui.app.translator
    text = banner(screen)
    assert tr.t("avail.not_here", "zh") in text and screen.blocked
    assert item.enquiry_phone in text  # the hotline is among the alternatives
    assert any(r.pick("zh") in text for r in ui.app.flow.state.page.guide.availability.reasons)
    ui.screenshot("zh-guide-printer-offline")
    printer.set_offline(False)  # the device comes back while the resident reads
    ui.wait_for(lambda: not screen.blocked and ui.app.rendered.page.guide.availability.ok,
                "guide updated from live device status")
    assert tr.t("avail.not_here", "zh") not in banner(screen)


def test_service_hours_closed_says_when_it_opens(fresh):
    ui = fresh
    content = ui.app.core.content
    sunday_night = dt.datetime(2026, 11, 22, 3, 0)
    real_now, content.now = content.now, lambda: sunday_night
    try:
        ui.app.send(it.SetLanguage("en"))
        screen = open_guide(ui, "CIVIL-002")
        text = banner(screen)
        assert screen.blocked and "Mon" in text
        ui.screenshot("en-guide-hours-closed")
    finally:
        content.now = real_now


def test_ineligible_answer_blocks_with_what_to_do_instead(fresh):
    ui = fresh
    screen = open_guide(ui, "CIVIL-002")
    item = ui.app.core.content.catalog.get("CIVIL-002")
    question = item.eligibility[0]
    buttons = [w for w in walk(screen.ids.sections) if getattr(w, "question_id", None) == question.id]
    no = next(b for b in buttons if b.answer == question.ineligible_answer)
    ui.tap(no)
    ui.wait_for(lambda: screen.blocked, "ineligible answer shown")
    assert question.instead.zh in banner(screen)
    ui.screenshot("zh-guide-ineligible")
    ok = next(b for b in [w for w in walk(screen.ids.sections)
                          if getattr(w, "question_id", None) == question.id]
              if b.answer != question.ineligible_answer)
    ui.tap(ok)
    ui.wait_for(lambda: question.instead.zh not in banner(screen), "answer changed")
