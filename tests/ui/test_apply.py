"""The apply journey by touch in the real Kivy window (zh and en), against the real reference platform process;
a screenshot of each step and of the receipt as the printer simulator renders it."""
from __future__ import annotations

import datetime as dt

import pytest

from drivers.card_reader.base import IdentityRecord
from kiosk.flow.browse import intents as bi
from kiosk.flow.intents import Finish, SetLanguage
from kiosk.i18n import t
from refplatform import seed
from testkit.ui_harness import texts, walk

pytestmark = pytest.mark.platform
WANG = next(r for r in seed.RESIDENTS if r["key"] == "wang")
CODE = "HRSS-001"


@pytest.fixture
def with_platform(fresh, tmp_path):
    """The running app's apply journey gets a real client and outbox; the catalog clock says Monday 10:00."""
    from kiosk.flow.apply import ApplyServices
    from kiosk.outbox import Outbox, OutboxService
    from tests.platform_support import start_platform
    platform = start_platform(tmp_path / "platform", kiosk_id="kiosk-ui-apply")
    client = platform.client()
    services = ApplyServices(client, OutboxService(Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key"),
                                                   client, idle_poll_s=0.2, backoff_s=0.05))
    services.outbox.start()
    journey = next(j for j in fresh.app.flow.journeys if j.name == "apply")
    content = fresh.app.core.content
    old_now = content.now
    content.now = lambda: dt.datetime(2026, 11, 30, 10, 0)
    journey.services = services
    services.outbox.add_listener(journey.submit.on_outbox)
    fresh.platform = platform  # tests that take the server down (test_apply_bundle)
    try:
        yield fresh
    finally:
        fresh.app.send(Finish())
        journey.services = None
        content.now = old_now
        services.stop()
        platform.handle.stop()


def button(screen, text: str):
    """The enabled button showing text."""
    return next(w for w in walk(screen) if getattr(w, "text", None) == text and hasattr(w, "on_release")
                and not w.disabled)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_apply_for_one_service(with_platform, lang):
    ui = with_platform
    app = ui.app
    app.send(SetLanguage(lang))
    app.send(bi.Start())
    app.send(bi.OpenService(CODE))
    ui.wait_screen("guide")
    guide = ui.screen("guide")
    ui.tap(button(guide, t("apply.button", lang)))
    ui.wait_screen("apply_identify")
    ui.screenshot(f"apply-{lang}-01-identify")
    card = app.core.devices.card_reader
    card.place_card(IdentityRecord("resident_id", WANG["name"], WANG["id"], sex="女",
                                   birth_date="2000-02-29"))
    ui.tap(button(ui.screen("apply_identify"), t("apply.read_card", lang)))
    ui.wait_for(lambda: app.flow.state.screen == "apply_form", "the form", limit_s=20)
    form = ui.screen("apply_form")
    assert any(t("apply.origin.document", lang) in x for x in texts(form))
    assert t("apply.identify.take_card", lang) in texts(form)
    card.remove_card()
    for key in "2026":
        ui.tap(button(form, key))
    ui.wait_for(lambda: any("2026" in x for x in texts(form)), "typed text shown")
    ui.screenshot(f"apply-{lang}-02-form")
    ui.tap(button(form, t("apply.next", lang)))
    ui.wait_screen("apply_materials")
    materials = ui.screen("apply_materials")
    assert any(t("apply.via.certificate", lang) in x for x in texts(materials))
    ui.screenshot(f"apply-{lang}-03-materials")
    ui.tap(button(materials, t("apply.next", lang)))
    ui.wait_screen("apply_review")
    ui.screenshot(f"apply-{lang}-04-review")
    ui.tap(button(ui.screen("apply_review"), t("apply.submit", lang)))
    ui.wait_for(lambda: app.flow.state.screen == "apply_submitted"
                and app.flow.state.page.state == "accepted", "accepted", limit_s=30)
    number = app.flow.state.page.reference
    submitted = ui.screen("apply_submitted")
    ui.wait_for(lambda: any(number in x for x in texts(submitted)), "the application number shown")
    shot = ui.screenshot(f"apply-{lang}-05-accepted")
    printer = app.core.devices.printer
    ui.wait_for(lambda: printer.printed and number.encode() in printer.printed[-1].data, "receipt",
                limit_s=20)
    png = printer.render_png(printer.printed[-1], shot.parent / f"apply-{lang}-06-receipt.png")
    assert png.stat().st_size > 1000
