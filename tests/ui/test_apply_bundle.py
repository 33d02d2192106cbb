"""The newborn bundle (一件事) and a second single service applied for by touch in the real Kivy
window, zh and en, against the real reference platform process; with the server down the journey ends
on a queued receipt and the application reaches the server exactly once. A screenshot of every step
and of the receipt as the printer simulator renders it."""
from __future__ import annotations

import pytest

from drivers.card_reader.base import IdentityRecord
from kiosk.flow.apply import intents as ai
from kiosk.flow.browse import intents as bi
from kiosk.flow.intents import SetLanguage
from kiosk.i18n import t
from refplatform import seed
from tests.ui.test_apply import button, with_platform  # noqa: F401 (the fixture)
from testkit.ui_harness import texts, walk

pytestmark = pytest.mark.platform
LI = next(r for r in seed.RESIDENTS if r["key"] == "li")  # a mother with the e-certificates needed
FATHER_ID = next(r for r in seed.RESIDENTS if r["key"] == "zhang")["id"]


def li_card() -> IdentityRecord:
    return IdentityRecord("resident_id", LI["name"], LI["id"], sex="女", birth_date="1988-06-15")


def field_button(screen, label: str):
    """The form row whose text starts with the field's label."""
    return next(w for w in walk(screen) if isinstance(getattr(w, "text", None), str)
                and w.text.startswith(label + ":") and hasattr(w, "on_release"))


def apply_by_touch(ui, lang: str, shot: str, typed: dict[str, str] | None = None,
                   keyed: tuple[str, str, str] | None = None, expect: str = "accepted",
                   shots: bool = True) -> str:
    """From the open guide to the submitted screen; returns the reference shown."""
    app = ui.app
    screenshot = ui.screenshot if shots else (lambda name: None)
    ui.wait_screen("guide")
    screenshot(f"{shot}-01-guide")
    ui.tap(button(ui.screen("guide"), t("apply.button", lang)))
    ui.wait_screen("apply_identify")
    screenshot(f"{shot}-02-identify")
    card = app.core.devices.card_reader
    card.place_card(li_card())
    ui.tap(button(ui.screen("apply_identify"), t("apply.read_card", lang)))
    ui.wait_for(lambda: app.flow.state.screen == "apply_form", "the form", limit_s=20)
    form = ui.screen("apply_form")
    assert any(t("apply.origin.document", lang) in x for x in texts(form))
    card.remove_card()
    for field_id, text in (typed or {}).items():  # Chinese text: the pinyin keypad is another helper's
        app.send(ai.TypeField(field_id, text))
        ui.wait_for(lambda: any(text in x for x in texts(form)), "typed text shown")
    if keyed is not None:  # the last digits by touch on the keypad (each tap renders the form)
        label, field_id, number = keyed
        app.send(ai.TypeField(field_id, number[:-4]))
        ui.wait_for(lambda: any(number[:-4] in x for x in texts(form)), "typed text shown")
        digits = number[-4:]
        ui.tap(field_button(form, label))
        ui.wait_for(lambda: ui.screen("apply_form").field_id == field_id, "the field focused")
        for key in digits:
            ui.tap(button(form, key))
        ui.wait_for(lambda: any(number in x for x in texts(form)), "typed digits shown")
    try:
        ui.wait_for(lambda: app.flow.state.page.complete, "the form complete")
    except AssertionError:
        rows = [(r.id, r.text, r.origin, r.error) for r in app.flow.state.page.fields]
        raise AssertionError(f"form not complete: {rows}") from None
    screenshot(f"{shot}-03-form")
    ui.tap(button(form, t("apply.next", lang)))
    ui.wait_screen("apply_materials")
    materials = ui.screen("apply_materials")
    assert any(t("apply.via.certificate", lang) in x for x in texts(materials))
    screenshot(f"{shot}-04-materials")
    ui.tap(button(materials, t("apply.next", lang)))
    ui.wait_screen("apply_review")
    screenshot(f"{shot}-05-review")
    ui.tap(button(ui.screen("apply_review"), t("apply.submit", lang)))
    ui.wait_for(lambda: app.flow.state.screen == "apply_submitted"
                and app.flow.state.page.state == expect, expect, limit_s=30)
    reference = app.flow.state.page.reference
    ui.wait_for(lambda: any(reference in x for x in texts(ui.screen("apply_submitted"))),
                "the reference shown")
    return reference


def receipt_png(ui, reference: str, name: str) -> str:
    """Wait for the receipt naming reference, render it as the printer simulator does; its text."""
    printer = ui.app.core.devices.printer
    ui.wait_for(lambda: printer.printed and reference.encode() in printer.printed[-1].data,
                "receipt", limit_s=20)
    shot = ui.screenshot(f"{name}-06-submitted")
    png = printer.render_png(printer.printed[-1], shot.parent / f"{name}-07-receipt.png")
    assert png.stat().st_size > 1000
    return printer.printed[-1].data.decode("gb18030", errors="replace")


def open_newborn(ui, lang: str) -> None:
    ui.app.send(SetLanguage(lang))
    ui.app.send(bi.Start())
    ui.app.send(bi.OpenBundle("newborn"))
    ui.wait_screen("guide")
    shown = texts(ui.screen("guide"))
    assert t("bundle.apply.elsewhere_title", lang) in shown  # the window-only item, and where
    assert any(("出生医学证明首次签发" if lang == "zh" else "medical birth certificate") in x
               for x in shown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_newborn_bundle_by_touch(with_platform, lang):  # noqa: F811
    ui = with_platform
    open_newborn(ui, lang)
    label = "Father's ID number" if lang == "en" else "父亲身份号码"
    number = apply_by_touch(ui, lang, f"bundle-{lang}",
                            typed={"father_name": "张伟民", "child_birthplace": "示例市妇幼保健院"},
                            keyed=(label, "father_id_number", FATHER_ID))
    assert number.startswith("SL")
    receipt = receipt_png(ui, number, f"bundle-{lang}")
    assert all(code in receipt for code in ("PSB-002", "MED-001", "HRSS-005"))
    applied, elsewhere = receipt.split(t("bundle.apply.elsewhere_title", lang)[:8])
    health = "出生医学证明首次签发" if lang == "zh" else "medical birth certificate"
    assert health not in applied and health in elsewhere  # said as done elsewhere, not applied for
    assert LI["name"] not in receipt and LI["id"] not in receipt


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_second_single_service_by_touch(with_platform, lang):  # noqa: F811
    ui = with_platform
    ui.app.send(SetLanguage(lang))
    ui.app.send(bi.Start())
    ui.app.send(bi.OpenService("MED-001"))  # every field comes from the card or the shared data
    number = apply_by_touch(ui, lang, f"apply-med-{lang}")
    receipt = receipt_png(ui, number, f"apply-med-{lang}")
    assert "MED-001" in receipt and LI["id"] not in receipt


def test_server_down_ends_queued_then_reaches_the_server_once(with_platform, tmp_path):  # noqa: F811
    ui = with_platform
    journey = next(j for j in ui.app.flow.journeys if j.name == "apply")
    client = journey.services.client
    person = client.verify_identity(method="id_card", id_number=LI["id"], name=LI["name"]).person_ref
    before = len(client.list_applications(person))
    platform = ui.platform
    platform.handle.set_faults(["applications_create:drop_before"])
    try:
        open_newborn(ui, "zh")
        reference = apply_by_touch(ui, "zh", "bundle-queued", typed={
            "father_name": "张伟民", "child_birthplace": "示例市妇幼保健院",
            "father_id_number": FATHER_ID}, expect="queued", shots=False)
        assert reference.startswith("LOCAL-")
        receipt = receipt_png(ui, reference, "bundle-queued")
        assert "尚未受理" in receipt
        assert len(client.list_applications(person)) == before
    finally:
        platform.handle.set_faults([])
    journey.services.outbox.sender.nudge()
    ui.wait_for(lambda: ui.app.flow.state.page.state == "accepted", "accepted after the outage",
                limit_s=30)
    number = ui.app.flow.state.page.reference
    receipt_png(ui, number, "bundle-queued-then-accepted")
    apps = client.list_applications(person)
    assert len(apps) == before + 1  # exactly once


def test_demo_tour_applies_for_the_newborn_bundle(with_platform):  # noqa: F811
    from screens.demo_tour import TOUR, DemoTour
    from screens.demo_tour_apply import APPLY_TOUR
    ui = with_platform
    assert any(TOUR[i:i + len(APPLY_TOUR)] == APPLY_TOUR for i in range(len(TOUR)))  # the demo runs it
    client = next(j for j in ui.app.flow.journeys if j.name == "apply").services.client
    person = client.verify_identity(method="id_card", id_number=LI["id"], name=LI["name"]).person_ref
    before = len(client.list_applications(person))
    tour, seen = DemoTour(ui.app.send, APPLY_TOUR), []
    busy = ("reading", "verifying", "storing", "sending")
    for _ in range(len(APPLY_TOUR)):
        tour.step(ui.app.flow.state)
        ui.wait_for(lambda: ui.app.rendered is not None
                    and ui.app.rendered.revision == ui.app.flow.state.revision
                    and getattr(ui.app.flow.state.page, "state", "") not in busy, "the step done",
                    limit_s=30)
        state = ui.app.flow.state
        seen.append((state.screen, getattr(state.page, "state", "")))
        if state.screen == "attract" and len(seen) > 3:
            break
    screens = [s for s, _ in seen]
    for screen in ("guide", "apply_identify", "apply_form", "apply_materials", "apply_review"):
        assert screen in screens, seen
    assert ("apply_submitted", "accepted") in seen, seen
    apps = client.list_applications(person)
    assert len(apps) == before + 1


def test_one_time_notice_printed_from_the_materials_check(with_platform):  # noqa: F811
    ui, lang = with_platform, "zh"
    zhang = next(r for r in seed.RESIDENTS if r["key"] == "zhang")  # no birth certificate
    open_newborn(ui, lang)
    ui.tap(button(ui.screen("guide"), t("apply.button", lang)))
    ui.wait_screen("apply_identify")
    card = ui.app.core.devices.card_reader
    card.place_card(IdentityRecord("resident_id", zhang["name"], zhang["id"], sex="男",
                                   birth_date="1985-03-07"))
    ui.tap(button(ui.screen("apply_identify"), t("apply.read_card", lang)))
    ui.wait_for(lambda: ui.app.flow.state.screen == "apply_form", "the form", limit_s=20)
    card.remove_card()
    for field_id, text in (("child_birthplace", "示例市妇幼保健院"), ("mother_name", LI["name"]),
                           ("mother_id_number", LI["id"])):
        ui.app.send(ai.TypeField(field_id, text))
    ui.wait_for(lambda: ui.app.flow.state.page.complete, "the form complete")
    ui.tap(button(ui.screen("apply_form"), t("apply.next", lang)))
    ui.wait_screen("apply_materials")
    ui.tap(button(ui.screen("apply_materials"), t("apply.next", lang)))
    ui.wait_for(lambda: ui.app.flow.state.page.missing, "everything missing, at once")
    materials = ui.screen("apply_materials")
    ui.wait_for(lambda: any("出生医学证明：" in x for x in texts(materials)), "the missing list shown")
    printer = ui.app.core.devices.printer
    printed = len(printer.printed)
    ui.tap(button(materials, t("bundle.notice.print", lang)))
    ui.wait_for(lambda: len(printer.printed) > printed, "the notice printed", limit_s=20)
    ui.wait_for(lambda: any(t("bundle.notice.printed", lang) in x for x in texts(materials)),
                "printed, said on screen", limit_s=20)
    shot = ui.screenshot("bundle-notice-zh-01-missing")
    slip = printer.printed[-1].data.decode("gb18030", errors="replace")
    assert "出生医学证明" in slip and "出生医学证明首次签发" in slip
    assert zhang["name"] not in slip and zhang["id"] not in slip
    png = printer.render_png(printer.printed[-1], shot.parent / "bundle-notice-zh-02-slip.png")
    assert png.stat().st_size > 1000
