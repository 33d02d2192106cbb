"""Low-reach mode (ADA 707): one tap in the chrome moves every control into the lower 55 % of the
screen, the prompt text shows above; the same tap brings the standard layout back."""
from __future__ import annotations

import pytest
from kivy.core.window import Window

from kiosk.flow.browse import intents as bi
from tests.ui.audit import REACH_TOP, controls, out_of_reach

pytestmark = pytest.mark.ui


def test_one_tap_puts_every_control_within_reach(fresh):
    ui = fresh
    app = ui.app
    assert out_of_reach(app.root), "standard layout already low: the test would prove nothing"
    ui.tap(ui.chrome.reach_button)
    ui.wait_for(lambda: app.rendered.chrome.low_reach, "low reach on")
    assert ui.chrome.reach_button.text == app.translator.t("reach.off", "zh")
    panel = app.root.ids.reach_panel
    assert panel.height == pytest.approx(Window.height * (1 - REACH_TOP), abs=2)
    ui.wait_for(lambda: panel.ids.reach_prompt.text == app.voice.speaker.last_spoken.text,
                "the spoken prompt above the controls")
    for screen in ("attract", "catalog", "guide", "scan"):
        if screen == "catalog":
            ui.tap(ui.screen("attract").ids.start_area)
        elif screen == "guide":
            app.send(bi.OpenService(next(iter(app.core.content.catalog.items))))
        elif screen == "scan":
            ui.tap(ui.chrome.back_button)
            ui.wait_screen("catalog")
            ui.tap(ui.chrome.back_button)
            ui.wait_screen("attract")  # the session ended: the next resident starts standard
            assert not app.rendered.chrome.low_reach
            ui.tap(ui.chrome.reach_button)
            ui.wait_for(lambda: app.rendered.chrome.low_reach, "low reach on again")
            ui.tap(ui.screen("attract").ids.scan_button)
        ui.wait_screen(screen)
        assert controls(app.root), screen
        assert out_of_reach(app.root) == [], screen
        ui.screenshot(f"zh-low-reach-{screen}")
    ui.tap(ui.chrome.reach_button)
    ui.wait_for(lambda: not app.rendered.chrome.low_reach, "low reach off")
    assert panel.height == 0 and out_of_reach(app.root)
