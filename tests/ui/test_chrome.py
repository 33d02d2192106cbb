"""The chrome bar on every screen: one help button, the help panel with the branch's help point
and 12345, staff called; the language and elder buttons appear once."""
from __future__ import annotations

import pytest
from kivy.uix.button import Button

from kiosk.flow.browse import intents as bi
from kiosk.flow.events import StaffCalled
from kiosk.languages import language, next_language
from testkit.recorder import EventRecorder
from testkit.ui_harness import texts, walk

pytestmark = pytest.mark.ui


@pytest.fixture
def staff_calls(fresh):
    calls = EventRecorder()
    fresh.app.flow.subscribe(StaffCalled, calls)
    return calls


@pytest.fixture
def slow_printer(fresh):
    printer = fresh.app.core.devices.printer
    saved = printer.print_delay
    printer.print_delay = 1.5  # long enough to find the printing screen, short enough to end
    yield printer
    printer.print_delay = saved


def visible(widget) -> bool:
    return widget.opacity > 0 and not widget.disabled and widget.get_root_window() is not None


def check_help(ui, screen_name: str, lang: str, calls: EventRecorder) -> None:
    app = ui.app
    button = ui.chrome.help_button
    assert visible(button) and button.width >= 60 and button.height >= 60
    assert button.text == app.translator.t("chrome.help", lang)
    labels = [w for w in walk(app.root) if isinstance(w, Button) and visible(w)]
    # the language button names the next language in that language (languages.json)
    for text in (language(next_language(lang)).name, app.translator.t("chrome.help", lang)):
        assert sum(b.text == text for b in labels) == 1, f"{screen_name}: {text!r} not shown once"
    before = len(calls.items)
    ui.tap(button)
    panel = app.root.ids.help_panel
    ui.wait_for(lambda: panel.shown, f"help panel on {screen_name}")
    shown = "\n".join(texts(panel))
    assert "12345" in shown
    assert app.config_obj.profile.help_point[lang] in shown
    assert len(calls.items) == before + 1 and calls.items[-1].screen == screen_name
    ui.screenshot(f"{lang}-help-{screen_name}")
    ui.tap(panel.ids.close_button)
    ui.wait_for(lambda: not panel.shown, "help panel closed")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_screen_has_help_with_the_hotline(fresh, staff_calls, slow_printer, lang):
    ui = fresh
    app = ui.app
    if lang == "en":
        ui.tap(ui.chrome.lang_button)
        ui.wait_for(lambda: app.rendered.language == "en", "English")
    check_help(ui, "attract", lang, staff_calls)
    assert not visible(ui.chrome.home_button) and not visible(ui.chrome.back_button)
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    assert visible(ui.chrome.home_button) and visible(ui.chrome.back_button)
    check_help(ui, "catalog", lang, staff_calls)
    app.send(bi.OpenService("HRSS-001"))
    ui.wait_screen("guide")
    check_help(ui, "guide", lang, staff_calls)
    ui.tap(ui.screen("guide").ids.print_button)
    ui.wait_screen("printing")
    check_help(ui, "printing", lang, staff_calls)
    ui.wait_screen("done")
    check_help(ui, "done", lang, staff_calls)
    ui.tap(ui.screen("done").ids.finish_button)
    ui.wait_screen("attract")
    if lang == "en":
        ui.tap(ui.chrome.lang_button)  # the next resident starts in the default language
        ui.wait_for(lambda: app.rendered.language == "en", "English")
    ui.tap(ui.screen("attract").ids.scan_button)
    ui.wait_screen("scan")
    check_help(ui, "scan", lang, staff_calls)
    ui.tap(ui.chrome.back_button)
    ui.wait_screen("attract")


def test_the_help_panel_blocks_touches_below_it(fresh):
    ui = fresh
    app = ui.app
    ui.tap(ui.chrome.help_button)
    ui.wait_for(lambda: app.root.ids.help_panel.shown, "help panel")
    ui.tap(ui.screen("attract").ids.scan_button)  # under the panel: must not start a scan
    assert app.flow.state.screen == "attract"
    ui.tap(app.root.ids.help_panel.ids.close_button)
    ui.wait_for(lambda: not app.root.ids.help_panel.shown, "help panel closed")


def test_device_alerts_show_in_the_chrome(fresh):
    ui = fresh
    app = ui.app
    printer = app.core.devices.printer
    printer.set_paper_out(True)
    try:
        text = app.translator.t("device.printer", "zh")
        ui.wait_for(lambda: text in ui.chrome.alerts.text, "printer alert in the chrome")
        assert ui.chrome.alerts.height > 0
    finally:
        printer.set_paper_out(False)
    ui.wait_for(lambda: ui.chrome.alerts.text == "", "alert cleared")
    assert ui.chrome.alerts.height == 0
