"""What a tap costs the next frame (issue 8, tap latency): the new screen's prompt is queued only
after that screen's frame is drawn, and hidden panels and keyboard keys are out of the widget tree
(Kivy draws a widget at opacity 0 all the same), coming back in their stacking order when shown."""
from __future__ import annotations

import pytest
from kivy.core.window import Window

from kiosk.flow.browse import intents as bi
from testkit.ui_harness import walk

pytestmark = pytest.mark.ui


def test_a_screens_prompt_is_queued_after_its_first_frame(fresh, monkeypatch):
    ui = fresh
    app = ui.app
    events: list[tuple[str, str]] = []
    show = app.voice.show

    def recording_show(screen, *args, **kwargs):
        events.append(("spoken", screen))
        return show(screen, *args, **kwargs)

    def on_flip(*_args):
        events.append(("frame", app.root.ids.manager.current))

    monkeypatch.setattr(app.voice, "show", recording_show)
    Window.bind(on_flip=on_flip)
    try:
        ui.tap(ui.screen("attract").ids.start_area)
        ui.wait_screen("catalog")
        app.send(bi.OpenService(next(iter(app.core.content.catalog.items))))
        ui.wait_screen("guide")
        ui.wait_for(lambda: ("spoken", "guide") in events, "the guide prompt queued")
    finally:
        Window.unbind(on_flip=on_flip)
    for screen in ("catalog", "guide"):
        spoken_at = events.index(("spoken", screen))
        assert ("frame", screen) in events[:spoken_at], f"{screen} spoken before drawn: {events}"
    assert app.voice.speaker.last.key == app.flow.state.page.prompt().key


def _in_tree(widget) -> bool:
    return widget.get_root_window() is not None


def test_hidden_panels_leave_the_tree_and_return_in_their_stacking_order(fresh):
    ui = fresh
    app = ui.app
    root = app.root
    help_panel, idle = root.ids.help_panel.__self__, root.ids.idle_overlay.__self__  # not proxies
    assert not _in_tree(help_panel) and not _in_tree(idle)
    profile = app.config_obj.profile
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    ui.tap(ui.chrome.help_button)
    ui.wait_for(lambda: help_panel.shown and _in_tree(help_panel), "help panel")
    assert root.children[0] is help_panel          # drawn over the screens
    ui.clock.advance(profile.idle_timeout_s - profile.idle_warning_s + 1)
    ui.wait_for(lambda: idle.shown and _in_tree(idle), "idle warning over the help panel")
    assert root.children[:2] == [idle, help_panel]  # the warning above the help panel
    ui.tap(idle.ids.extend_button)
    ui.wait_for(lambda: not idle.shown and not _in_tree(idle), "warning dismissed")
    assert help_panel.shown and root.children[0] is help_panel
    ui.tap(help_panel.ids.close_button)
    ui.wait_for(lambda: not help_panel.shown and not _in_tree(help_panel), "help closed")
    ui.tap(ui.chrome.help_button)                   # and back again on the next call
    ui.wait_for(lambda: _in_tree(help_panel), "help panel again")
    assert "12345" in "\n".join(w.text for w in walk(help_panel) if hasattr(w, "text"))
    ui.tap(help_panel.ids.close_button)
    ui.wait_for(lambda: not _in_tree(help_panel), "help closed again")


def test_the_hidden_keyboards_keys_are_out_of_the_tree(fresh):
    ui = fresh
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    catalog = ui.screen("catalog")
    kb = catalog.ids.keyboard
    assert not kb.shown and kb.children == []
    ui.tap(catalog.ids.search_box)
    ui.wait_for(lambda: kb.shown and kb.height > 0, "keyboard shown")
    keys = [w for w in walk(kb) if hasattr(w, "key_value")]
    assert len(keys) == 26 + 3 and all(_in_tree(k) and k.height >= 60 for k in keys)
    ui.tap(next(k for k in keys if k.key_value == "\x1b"))  # the keyboard's Hide key
    ui.wait_for(lambda: not kb.shown, "keyboard hidden")
    assert kb.children == [] and not any(_in_tree(k) for k in keys)
