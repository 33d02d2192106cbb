"""Keypad only, in the real Kivy window: the pickup journey (against the real platform process, ID
card on the simulated reader) and the scan journeys (the in-process QR and document camera
simulators), every control reached with the numeric keypad's keys and its focus spoken."""
from __future__ import annotations

import pytest

from drivers.card_reader.base import IdentityRecord
from drivers.registry import build_driver
from kiosk.flow.results.pages import PICKUP, RATING
from kiosk.i18n import t
from kiosk.speech.speech_log import SpeechLog
from refplatform.seed_cases import new_print_result
from screens.keypad_nav import label_of
from tests.ui.test_keypad_navigation import move_to, press, said, spoken, wait_focus_spoken
from tests.ui.test_results_journey import RESIDENT, platform, results_ui  # noqa: F401  (fixtures)

pytestmark = pytest.mark.ui


def _keypad_mode_off(ui) -> None:
    nav = ui.app.keypad_nav
    nav.active = False
    nav._draw(None)


@pytest.fixture
def speech_log(tmp_path):
    """A fresh speech log on the running app's speaker; keypad mode off before and after."""
    def attach(ui):
        speaker = ui.app.voice.speaker
        old = speaker.log
        speaker.log = SpeechLog(tmp_path / "speech.jsonl")
        _keypad_mode_off(ui)
        restore.append(lambda: (setattr(speaker, "log", old), _keypad_mode_off(ui)))
        return ui
    restore: list = []
    yield attach
    for undo in restore:
        undo()


@pytest.fixture
def cameras(fresh):
    """The app; the camera simulators are put back as built after the test."""
    hub = fresh.app.core.devices
    yield fresh
    for name in ("qr_camera", "document_camera"):
        hub.replace(name, build_driver(name, "simulator", {}))


def choose(ui, label: str) -> None:
    """Walk the focus to label (each step spoken, checked by move_to), then press 5."""
    move_to(ui, label)
    press(ui, "5")


def start_keypad_mode(ui) -> None:
    press(ui, "5")
    wait_focus_spoken(ui, t("nav.start", "zh"))


def test_pickup_journey_with_the_keypad_only(results_ui, platform, speech_log):
    ui = speech_log(results_ui)
    app = ui.app
    start_keypad_mode(ui)
    entries = ui.screen("attract").ids.scan_button.parent.children[0]
    choose(ui, label_of(entries.pickup))
    ui.wait_screen(PICKUP)
    nav = app.keypad_nav
    ui.wait_for(lambda: nav.focused is not None and nav.focused in nav.controls(), "focus on the pickup screen")
    person = RESIDENT["zhang"]
    app.core.devices.qr_camera.set_scanning(False)  # typed entry: the QR simulator reads its own code
    app.core.devices.card_reader.place_card(
        IdentityRecord(document_type="resident_id", name=person["name"], id_number=person["id"]))
    ui.wait_for(lambda: app.flow.state.page.identified, "card verified by the platform")
    pad = ui.screen(PICKUP).ids.keypad_box.children[0]
    # a result of its own: the kiosk remembers what it rated, and the touch tests rate 31415926
    code, _no = new_print_result(platform.handle.db, "zhang")
    for i, ch in enumerate(code):
        choose(ui, label_of(pad.keys[ch]))
        ui.wait_for(lambda: app.flow.state.page.entry == code[:i + 1], f"{ch} typed")
    choose(ui, label_of(pad.keys["OK"]))
    ui.wait_for(lambda: app.flow.state.page.stage in ("done", "refused", "fault"), "pickup answer", limit_s=20)
    assert app.flow.state.page.stage == "done", app.flow.state.page
    ui.wait_screen(PICKUP)
    screen = ui.screen(PICKUP)
    ui.screenshot("keypad-zh-06-pickup-done")
    choose(ui, label_of(screen.ids.rate_button))
    ui.wait_screen(RATING)
    rating = ui.screen(RATING)
    choose(ui, label_of(rating.level_buttons[5]))
    ui.wait_for(lambda: app.flow.state.page.level == 5, "level 5 chosen")
    ui.wait_screen(RATING)
    choose(ui, label_of(rating.ids.send_button))
    ui.wait_for(lambda: app.flow.state.page.sent, "rating sent", limit_s=20)
    ui.wait_screen(RATING)
    choose(ui, label_of(rating.ids.skip_button))
    ui.wait_screen("attract")
    log = spoken(ui)
    focus = [e for e in log if e["key"].startswith("nav.focus")]
    assert len(focus) >= len(code) + 4  # every step of the journey was spoken
    text = "\n".join(e["text"] for e in log)
    assert person["id"] not in text and code not in text  # neither the ID number nor the code
    assert not any(person["name"] in e["text"] for e in log if e["key"].startswith("nav."))


def test_qr_scan_journey_with_the_keypad_only(cameras, speech_log):
    ui = speech_log(cameras)
    app = ui.app
    app.core.devices.replace("qr_camera", build_driver("qr_camera", "simulator", {
        "script": [{"wait": 0.5, "do": "show_code", "code": "pickup"}], "script_loop": False}))
    start_keypad_mode(ui)
    choose(ui, label_of(ui.screen("attract").ids.scan_button))
    ui.wait_screen("scan")
    ui.wait_for(lambda: app.rendered.page.ok is True, "the pickup code read and accepted")
    assert "PK20240042" in ui.screen("scan").ids.result.text
    nav = app.keypad_nav
    assert nav.controls() == [] and said(ui)[0] == "nav.nothing"  # no control: it says so
    app.voice.speaker.last = None
    press(ui, "*")  # repeat: what was read, its code masked
    ui.wait_for(lambda: said(ui)[0] == "scan.code.pickup", f"the result repeated: {said(ui)}")
    assert "PK20240042" not in said(ui)[1]
    ui.screenshot("keypad-zh-07-scan-qr")
    press(ui, "-")  # back to where the scan started
    ui.wait_screen("attract")


def test_document_scan_journey_with_the_keypad_only(cameras, speech_log):
    ui = speech_log(cameras)
    app = ui.app
    start_keypad_mode(ui)
    press(ui, "5")
    ui.wait_screen("catalog")
    code = next(c for c, item in app.core.content.catalog.items.items()
                if any(m.scan for m in item.materials))
    from kiosk.flow.browse.intents import OpenService
    app.send(OpenService(code))  # the catalog's rows are reached by keypad in test_keypad_scrolling
    ui.wait_screen("guide")
    move_to(ui, label_of(ui.screen("guide").ids.scan_button))
    # the simulator's script starts when it is built: a page laid on the desk half a second later
    app.core.devices.replace("document_camera", build_driver("document_camera", "simulator", {
        "script": [{"wait": 0.5, "do": "lay_page", "page": "form"}], "script_loop": False,
        "settle_s": 0.3}))
    press(ui, "5")
    ui.wait_screen("scan")
    ui.wait_for(lambda: app.rendered.page.pages >= 1, f"page captured {app.rendered.page}", limit_s=20)
    ui.wait_screen("scan")
    screen = ui.screen("scan")
    ui.screenshot("keypad-zh-08-scan-document")
    choose(ui, label_of(screen.ids.finish_button))
    ui.wait_for(lambda: app.flow.state.screen != "scan" or app.rendered.page.result, "pages assembled",
                limit_s=20)
    assert spoken(ui)
