"""The results journey by touch in a real Kivy window against the real platform: progress,
pickup printed at the kiosk (card on the simulated reader), and a rating, in zh and en."""
from __future__ import annotations

import pytest

from drivers.card_reader.base import IdentityRecord
from kiosk.flow.results import access
from kiosk.flow.results.pages import PICKUP, PROGRESS, RATING
from refplatform import seed
from tests.platform_support import start_platform

pytestmark = [pytest.mark.ui, pytest.mark.platform]
RESIDENT = {r["key"]: r for r in seed.RESIDENTS}
PICKUPS = {"zh": ("zhang", "31415926"), "en": ("li", "22360679")}


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    p = start_platform(tmp_path_factory.mktemp("platform"))
    yield p
    p.handle.stop()


@pytest.fixture
def results_ui(fresh, platform):
    client = platform.client()
    access.provide(fresh.app.flow, platform=client)
    yield fresh
    access.provide(fresh.app.flow)
    client.close()


def keypad(ui, screen: str):
    return ui.screen(screen).ids.keypad_box.children[0]


def type_code(ui, screen: str, text: str) -> None:
    """Typed entry: the simulated QR camera (which reads its own sample code) is paused first."""
    ui.app.core.devices.qr_camera.set_scanning(False)
    pad = keypad(ui, screen)
    for i, ch in enumerate(text):
        ui.tap(pad.keys[ch])
        ui.wait_for(lambda: ui.app.flow.state.page.entry == text[:i + 1], f"key {ch} typed {ui.app.flow.state.page}")
    ui.tap(pad.keys["OK"])


def to_language(ui, lang: str) -> None:
    if lang == "en":
        ui.tap(ui.chrome.lang_button)
        ui.wait_for(lambda: ui.app.flow.state.chrome.language == "en", "English")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_progress_by_typed_number(results_ui, lang):
    ui = results_ui
    to_language(ui, lang)
    entries = ui.screen("attract").ids.scan_button.parent.children[0]
    ui.tap(entries.progress)
    ui.wait_screen(PROGRESS)
    type_code(ui, PROGRESS, "SL20261026A0000004")
    screen = ui.screen(PROGRESS)
    ui.wait_for(lambda: ui.app.flow.state.page.status == "supplement_required", "progress answer")
    ui.wait_screen(PROGRESS)
    accepted = "受理" if lang == "zh" else "Accepted"
    assert accepted in screen.ids.timeline.text
    assert "2026-11-09" in screen.ids.supplement.text
    ui.screenshot(f"results-{lang}-01-progress")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pickup_printed_then_rated(results_ui, lang):
    ui = results_ui
    to_language(ui, lang)
    who, code = PICKUPS[lang]
    entries = ui.screen("attract").ids.scan_button.parent.children[0]
    ui.tap(entries.pickup)
    ui.wait_screen(PICKUP)
    person = RESIDENT[who]
    ui.app.core.devices.card_reader.place_card(
        IdentityRecord(document_type="resident_id", name=person["name"], id_number=person["id"]))
    ui.wait_for(lambda: ui.app.flow.state.page.identified, "card verified by the platform")
    type_code(ui, PICKUP, code)
    ui.wait_for(lambda: ui.app.flow.state.page.stage in ("done", "refused", "fault"), "pickup answer", limit_s=20)
    assert ui.app.flow.state.page.stage == "done", ui.app.flow.state.page
    ui.wait_screen(PICKUP)
    screen = ui.screen(PICKUP)
    assert screen.ids.rate_button.opacity == 1
    ui.screenshot(f"results-{lang}-02-pickup-done")
    ui.tap(screen.ids.rate_button)
    ui.wait_screen(RATING)
    rating = ui.screen(RATING)
    ui.tap(rating.level_buttons[2])
    ui.wait_screen(RATING)
    ui.tap(rating.ids.send_button)  # level 2 without a reason: refused
    ui.wait_screen(RATING)
    assert not ui.app.flow.state.page.sent
    ui.tap(rating.option_buttons["slow"])
    ui.wait_screen(RATING)
    ui.tap(rating.ids.send_button)
    ui.wait_for(lambda: ui.app.flow.state.page.sent, "rating sent")
    ui.wait_screen(RATING)
    ui.screenshot(f"results-{lang}-03-rated")
    ui.tap(rating.ids.skip_button)
    ui.wait_screen("attract")
