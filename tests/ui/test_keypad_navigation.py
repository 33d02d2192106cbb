"""Keypad only, in the real Kivy window: the browse journey and the apply journey completed with the keys
of a USB numeric keypad, the focus drawn (two-tone outline, contrast measured on the rendered screen)
and spoken (checked in the speech log at every step); against the real reference platform process."""
from __future__ import annotations

import pytest
from kivy.core.window import Window
from PIL import Image

from drivers.card_reader.base import IdentityRecord
from kiosk.i18n import t
from kiosk.speech.speech_log import SpeechLog, read_log
from screens.keypad_nav import label_of
from screens.theme import INK, WHITE, contrast
from tests.ui.test_apply import WANG, with_platform  # noqa: F401  (fixture)

KP = {"2": 258, "4": 260, "5": 261, "6": 262, "8": 264, "-": 269, "+": 270, "*": 268, "enter": 271}


@pytest.fixture
def keypad(with_platform, tmp_path):
    """The app with a fresh speech log; keypad mode off at the start."""
    ui = with_platform
    speaker = ui.app.voice.speaker
    old_log = speaker.log
    speaker.log = SpeechLog(tmp_path / "speech.jsonl")
    nav = ui.app.keypad_nav
    nav.active = False
    nav._draw(None)
    try:
        yield ui
    finally:
        speaker.log = old_log
        nav.active = False
        nav._draw(None)


def press(ui, name: str) -> None:
    """One key of the numeric keypad, down and up, then let the app render."""
    code = KP[name]
    Window.dispatch("on_key_down", code, 0, None, [])
    Window.dispatch("on_key_up", code, 0)
    ui.pump(2)


def spoken(ui) -> list[dict]:
    """The speech log: what the speaker has started to say (personal values masked)."""
    path = ui.app.voice.speaker.log.path
    return read_log(path) if path.exists() else []


def said(ui) -> tuple[str, str]:
    """(key, text) of the last prompt handed to the Speaker (queued at once; spoken on its thread)."""
    speaker = ui.app.voice.speaker
    if speaker.last is None:
        return "", ""
    return speaker.last.key, speaker.render(speaker.last)[0]


def wait_focus_spoken(ui, label: str) -> None:
    """The focus is on a control with this label, and that label is what the Speaker was given last."""
    nav = ui.app.keypad_nav
    ui.wait_for(lambda: nav.focused is not None and label_of(nav.focused) == label
                and said(ui)[0].startswith("nav.focus") and label in said(ui)[1],
                f"focus on {label!r} spoken; focused "
                f"{label_of(nav.focused) if nav.focused is not None else None!r}; said {said(ui)}")


def move_to(ui, label: str, limit: int = 60) -> None:
    """Walk the focus to the control labelled label (8/2 to its row, then 4/6), checking each spoken focus."""
    nav = ui.app.keypad_nav
    for _ in range(limit):
        target = next((w for w in nav.controls() if label_of(w) == label), None)
        assert target is not None, f"no control {label!r}: {[label_of(w) for w in nav.controls()]}"
        if nav.focused is target:
            if not said(ui)[0].startswith("nav.focus"):  # the screen spoke since (e.g. card taken)
                press(ui, "*")  # repeat: the screen's prompt, then the focused control
            wait_focus_spoken(ui, label)
            return
        (fx, fy), (tx, ty) = nav.focused.to_window(*nav.focused.center), target.to_window(*target.center)
        if abs(fy - ty) >= 1:
            press(ui, "2" if fy > ty else "8")
        else:
            press(ui, "6" if fx < tx else "4")
        current = label_of(nav.focused)
        assert said(ui)[0].startswith("nav.focus") and current in said(ui)[1], (current, said(ui))
    raise AssertionError(f"the focus did not reach {label!r}")


def choose(ui, label: str) -> None:
    move_to(ui, label)
    press(ui, "5")


def outline_contrast(ui, name: str) -> tuple[float, float]:
    """On the saved screenshot, at the focused control's left edge: (outer ring vs the page just
    outside the control, outer ring vs inner ring)."""
    png = ui.screenshot(name)
    img = Image.open(png).convert("RGB")
    widget = ui.app.keypad_nav.focused
    x, y = widget.to_window(widget.x, widget.center_y)
    row = int(img.height - y)
    outside, outer, inner = (tuple(c / 255 for c in img.getpixel((int(x) + dx, row))) for dx in (-3, 2, 6))
    assert max(abs(a - b) for a, b in zip(outer, INK)) <= 0.03, outer
    assert max(abs(a - b) for a, b in zip(inner, WHITE)) <= 0.03, inner
    return contrast(outer, outside), contrast(outer, inner)


def test_browse_journey_with_the_keypad_only(keypad):
    ui = keypad
    app = ui.app
    hint = app.keypad_nav.hint
    assert hint.source_text == t("nav.attract_hint", "zh") and hint.get_root_window() is not None
    press(ui, "5")  # the first key turns keypad mode on and says how it works, then the focus
    wait_focus_spoken(ui, t("nav.start", "zh"))
    ui.wait_for(lambda: any(e["key"] == "nav.started" for e in spoken(ui)), "keypad mode explained")
    around, between = outline_contrast(ui, "keypad-zh-01-attract")
    assert around >= 7 and between >= 7
    press(ui, "5")
    ui.wait_screen("catalog")
    wait_focus_spoken(ui, label_of(app.keypad_nav.controls()[0]))  # a new screen starts at the top
    entry = next(w for w in app.keypad_nav.controls() if type(w).__name__ == "EntryRow" and not w.is_bundle)
    code = entry.code
    choose(ui, label_of(entry))
    ui.wait_screen("guide")
    assert app.flow.state.page.guide.code == code
    ui.screenshot("keypad-zh-02-guide")
    focus = label_of(app.keypad_nav.focused)
    press(ui, "*")  # repeat: the screen's prompt again, then the focus
    ui.wait_for(lambda: [e["key"] for e in spoken(ui)[-2:]] == [app.flow.state.page.prompt().key,
                                                              "nav.focus"]
                and focus in spoken(ui)[-1]["text"], "prompt and focus repeated")
    guide = ui.screen("guide")
    choose(ui, label_of(guide.ids.print_button))
    ui.wait_screen("done")
    assert app.core.devices.printer.printed
    press(ui, "+")  # help opens over the screen: the focus goes into the panel
    ui.wait_for(lambda: app.flow.state.chrome.help_open, "help open")
    ui.wait_for(lambda: app.keypad_nav.focused is not None
                and app.keypad_nav.scope() is app.root.ids.help_panel, "focus in the help panel")
    press(ui, "+")
    ui.wait_for(lambda: not app.flow.state.chrome.help_open, "help closed")
    press(ui, "-")  # back: to the guide (the print step is not returned to)
    ui.wait_screen("guide")
    assert spoken(ui) and all("王芳" not in e["text"] for e in spoken(ui))


def test_apply_journey_with_the_keypad_only(keypad):
    ui = keypad
    app = ui.app
    lang = "zh"
    press(ui, "enter")
    wait_focus_spoken(ui, t("nav.start", lang))
    press(ui, "enter")
    ui.wait_screen("catalog")
    # the service is opened from the catalog by its guide; apply on the guide by keypad
    from kiosk.flow.browse import intents as bi
    app.send(bi.OpenService("HRSS-001"))  # the catalog's rows are reached by keypad in the browse test
    ui.wait_screen("guide")
    choose(ui, t("apply.button", lang))
    ui.wait_screen("apply_identify")
    card = app.core.devices.card_reader
    card.place_card(IdentityRecord("resident_id", WANG["name"], WANG["id"], sex="女",
                                   birth_date="2000-02-29"))
    choose(ui, t("apply.read_card", lang))
    ui.wait_for(lambda: app.flow.state.screen == "apply_form", "the form", limit_s=20)
    card.remove_card()
    ui.wait_for(lambda: app.flow.state.page.notice is None, "card taken")
    labels = {r.id: r.label for r in app.flow.state.page.fields}
    choose(ui, labels["period"])  # the field's name is spoken, never its value
    ui.wait_for(lambda: app.flow.state.page.input.field_id == "period", "period focused")
    for key in "2026n":
        choose(ui, key)
    ui.wait_for(lambda: app.flow.state.page.input.candidates, "candidates")
    best = app.flow.state.page.input.candidates[0]
    move_to(ui, best)  # a candidate is read aloud (to choose it) but masked in the speech log
    last = app.voice.speaker.last
    assert last.personal == frozenset({"label"}) and app.voice.speaker.render(last)[1] == "***"
    press(ui, "5")
    ui.wait_for(lambda: app.flow.state.page.fields[2].text == "2026" + best, "typed by keypad")
    ui.screenshot("keypad-zh-03-form")
    choose(ui, t("apply.next", lang))
    ui.wait_screen("apply_materials")
    choose(ui, t("apply.next", lang))
    ui.wait_screen("apply_review")
    choose(ui, t("apply.submit", lang))
    ui.wait_for(lambda: app.flow.state.screen == "apply_submitted"
                and app.flow.state.page.state == "accepted", "accepted", limit_s=30)
    log = spoken(ui)
    assert WANG["id"] not in "\n".join(e["text"] for e in log)
    assert not any(WANG["name"] in e["text"] for e in log if e["key"].startswith("nav."))
