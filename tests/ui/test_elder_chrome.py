"""Elder mode chrome (issue 13.2): Chinese labels keep at least the elder text size (32 px), breaking
between words; only a word that cannot break (a language's own name, a Latin word) may shrink."""
from __future__ import annotations

import pytest

from kiosk.flow import intents as it
from screens.theme import ELDER_MIN_BODY_PX
from screens.widgets import tr

pytestmark = pytest.mark.ui


@pytest.mark.parametrize("low_reach", [False, True])
def test_elder_chrome_labels_are_elder_size(fresh, low_reach):
    ui = fresh
    app = ui.app
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    app.send(it.ToggleElderMode())  # the fixture turns both modes off again
    if low_reach:
        app.send(it.ToggleLowReach())
    ui.wait_for(lambda: app.rendered.elder_mode and app.rendered.chrome.low_reach == low_reach, "modes")
    ui.pump(4)
    chrome = app.root.ids.chrome
    checked = 0
    for name in chrome.BUTTONS:
        button = chrome.ids[name]
        text = getattr(button, "source_text", "") or button.text
        if not text or button.opacity == 0:
            continue
        if name == "lang_button" or text.isascii():  # the documented exception: one unbreakable word
            assert button.font_size >= app.theme.small_px * 0.75 - 0.5, (name, button.font_size)
            continue
        checked += 1
        assert button.font_size >= ELDER_MIN_BODY_PX - 0.5, (name, text, button.font_size)
        # broken only between Chinese words (two-character words here): no character left alone
        assert all(len(line) >= 2 for line in button.text.split("\n")), button.text
    assert checked >= 4
    # the low-reach toggle ("标准位置" while on) is one of them
    assert tr("reach.off" if low_reach else "reach.on") in (
        chrome.ids.reach_button.text.replace("\n", ""),)
    ui.screenshot(f"zh-elder-chrome{'-low-reach' if low_reach else ''}")
