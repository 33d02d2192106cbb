"""The identity ladder by touch in the real Kivy window (zh and en), against the real reference platform:
the card read fails, the e-ID QR code is not recognised, the ID number is typed; and a card left behind.
Screenshots of every rung."""
from __future__ import annotations

import pytest

from drivers.card_reader.base import IdentityRecord
from drivers.registry import build_driver
from kiosk.flow.apply import identity_intents as ii
from kiosk.flow.intents import Finish
from kiosk.i18n import t
from refplatform import seed
from tests.ui.apply_steps import open_identify
from tests.ui.test_apply import button, with_platform  # noqa: F401  (the fixture is used by name)
from testkit.ui_harness import texts

pytestmark = pytest.mark.platform
WANG = next(r for r in seed.RESIDENTS if r["key"] == "wang")
LOW = "MED-003"  # the catalog declares low assurance: the whole ladder is offered
HIGH = "HRSS-001"


@pytest.fixture
def quiet_camera(with_platform):
    """A QR camera that shows nothing until the test holds a code up."""
    hub = with_platform.app.core.devices
    hub.replace("qr_camera", build_driver("qr_camera", "simulator", {
        "script": [{"wait": 3600, "do": "clear"}], "script_loop": False}))
    yield with_platform
    hub.replace("qr_camera", build_driver("qr_camera", "simulator", {}))


def settle(ui) -> None:
    """Wait until the window shows the newest state (a device status change re-renders the screen)."""
    ui.wait_for(lambda: ui.app.rendered is not None
                and ui.app.rendered.revision == ui.app.flow.state.revision, "rendered")
    ui.pump(2)


def tap_text(ui, screen, text: str) -> None:
    """Tap the enabled button showing text on the screen as it is now."""
    settle(ui)
    ui.tap(button(screen, text))


def offer(lang: str, way: str) -> str:
    return t("apply.ident.use_way", lang, way=t(f"apply.ident.way.{way}", lang))


def wait_message(ui, key: str, lang: str) -> None:
    screen = ui.screen("apply_identify")
    ui.wait_for(lambda: ui.app.flow.state.page.message.key == key
                and any(t(key, lang) in x for x in texts(screen)), f"message {key}", limit_s=20)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ladder_card_then_eid_then_typed(quiet_camera, lang):
    ui = quiet_camera
    app = ui.app
    card, camera = app.core.devices.card_reader, app.core.devices.qr_camera
    open_identify(ui, LOW, lang)
    ui.screenshot(f"identity-{lang}-01-card")
    card.set_offline(True)  # the ID card rung fails: the reader does not answer
    try:
        ui.tap(button(ui.screen("apply_identify"), t("apply.read_card", lang)))
        ui.wait_for(lambda: app.flow.state.page.state == "failed", "the card read failed", limit_s=20)
    finally:
        card.set_offline(False)
    ui.wait_for(lambda: not app.flow.state.chrome.alerts, "the reader back online")
    screen = ui.screen("apply_identify")
    assert app.flow.state.page.next_way == "eid_qr"
    assert app.flow.state.page.message.key.startswith("apply.card.error.")
    ui.screenshot(f"identity-{lang}-02-card-failed")

    tap_text(ui, screen, offer(lang, "eid_qr"))
    wait_message(ui, "apply.ident.eid.show", lang)
    ui.wait_for(lambda: camera.scanning, "the QR camera decodes")
    camera.show_code("EID-REVOKED-0000")  # well formed; the platform knows nobody with it
    wait_message(ui, "apply.ident.unknown.eid_qr", lang)
    ui.screenshot(f"identity-{lang}-03-eid-failed")

    tap_text(ui, screen, offer(lang, "typed"))
    wait_message(ui, "apply.ident.typed.enter", lang)
    assert any(t("apply.ident.typed.low", lang) in x for x in texts(screen))
    # the first digits arrive as typed text, the last four by touch on the ID keypad (each key
    # re-renders the screen: 18 taps would cost many seconds and prove nothing more)
    app.send(ii.TypeIdentityField("id_number", WANG["id"][:14]))
    settle(ui)
    for key in WANG["id"][14:]:
        tap_text(ui, screen, key)
    ui.wait_for(lambda: any(WANG["id"] in x for x in texts(screen)), "the typed ID number shown")
    # Chinese names go through the pinyin keypad of the form (another part of issue 10)
    app.send(ii.TypeIdentityField("name", WANG["name"]))
    ui.screenshot(f"identity-{lang}-04-typed")
    settle(ui)
    ui.wait_for(lambda: any(WANG["name"] in x for x in texts(screen)), "the name shown")
    tap_text(ui, screen, t("apply.ident.typed.check", lang))
    ui.wait_for(lambda: app.flow.state.screen == "apply_form", "the form", limit_s=20)
    case = next(j for j in app.flow.journeys if j.name == "apply").case
    assert (case.assurance, case.method) == ("low", "typed")
    ui.screenshot(f"identity-{lang}-05-form")


def test_card_left_behind_is_asked_and_spoken(with_platform):
    ui = with_platform
    app = ui.app
    card = app.core.devices.card_reader
    open_identify(ui, HIGH, "zh")
    card.place_card(IdentityRecord("resident_id", WANG["name"], WANG["id"], sex="女",
                                   birth_date="2000-02-29"))
    ui.tap(button(ui.screen("apply_identify"), t("apply.read_card", "zh")))
    ui.wait_for(lambda: app.flow.state.screen == "apply_form", "the form", limit_s=20)
    ui.wait_for(lambda: app.voice.speaker.last_spoken is not None
                and app.voice.speaker.last_spoken.prompt.key == "apply.identify.take_card",
                "take your card spoken", limit_s=20)
    app.send(Finish())
    ui.wait_screen("attract")
    attract = ui.screen("attract")
    ui.wait_for(lambda: any(t("apply.ident.card_left", "zh") in x for x in texts(attract)),
                "the reminder on the attract screen")
    ui.wait_for(lambda: app.voice.speaker.last_spoken.prompt.key == "apply.ident.card_left",
                "the reminder spoken", limit_s=20)
    ui.screenshot("identity-zh-06-card-left")
    card.remove_card()
    ui.wait_for(lambda: not any(t("apply.ident.card_left", "zh") in x for x in texts(attract)),
                "the reminder gone once the card is taken", limit_s=10)
