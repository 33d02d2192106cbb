"""Runs the real KioskApp in a real Kivy window (offscreen SDL on Mesa) and drives it by touch."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from kivy.base import EventLoop
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch
from kivy.uix.widget import Widget

from screens.screenshot import grab_now

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"  # <repo>/artifacts


class UiDriver:
    """Pumps the Kivy event loop, taps widgets, waits for renders and saves screenshots."""

    def __init__(self, app) -> None:
        self.app = app

    def pump(self, frames: int = 3) -> None:
        """Run a few event-loop iterations (layout, rendering, scheduled callbacks)."""
        for _ in range(frames):
            EventLoop.idle()

    def wait_for(self, predicate: Callable[[], bool], what: str, limit_s: float = 10.0) -> None:
        """Pump until predicate() holds; the bound only guards against hangs."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            self.pump(1)
            if predicate():
                self.pump(2)
                return
        raise AssertionError(f"timed out waiting for {what}")

    def wait_screen(self, name: str) -> None:
        """Wait until the screen manager shows the named screen and it is rendered."""
        self.wait_for(lambda: self.app.root.ids.manager.current == name
                      and self.app.rendered is not None
                      and self.app.rendered.revision == self.app.flow.state.revision,
                      f"screen {name}")

    def tap(self, widget: Widget) -> None:
        """Touch down and up at the widget's centre, in window coordinates.

        A widget inside a scroll area is first scrolled into view, as a resident would.
        """
        self.pump(1)
        self.scroll_into_view(widget)
        x, y = widget.to_window(*widget.center)
        assert 0 <= x <= Window.width and 0 <= y <= Window.height, f"{widget} is off screen"
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        touch.touch_up()
        self.pump(2)

    def scroll_into_view(self, widget: Widget) -> None:
        """Scroll every ScrollView around widget so that it shows (no animation)."""
        from kivy.uix.scrollview import ScrollView
        parent = widget.parent
        while parent is not None and parent is not parent.parent:
            trigger = getattr(getattr(parent, "_viewport", None), "_trigger_layout", None)
            # a RecycleView lays out its own rows (and its scroll_to cannot handle them)
            if isinstance(parent, ScrollView) and hasattr(trigger, "is_triggered"):
                parent.scroll_to(widget, padding=10, animate=False)
                self.pump(2)
            parent = parent.parent

    def screen(self, name: str):
        """The Screen widget by name."""
        return self.app.root.ids.manager.get_screen(name)

    @property
    def chrome(self):
        """The ids of the chrome bar (back, home, language, elder, help buttons)."""
        return self.app.root.ids.chrome.ids

    def screenshot(self, name: str) -> Path:
        """Redraw and save the window to artifacts/screenshots/<name>.png."""
        Window.canvas.ask_update()
        self.pump(2)
        return grab_now(ARTIFACTS / f"{name}.png")


def walk(widget: Widget):
    """Every widget below (and including) widget."""
    yield widget
    for child in widget.children:
        yield from walk(child)


def texts(widget: Widget) -> list[str]:
    """All label/button texts shown below widget."""
    # labels that break lines themselves (screens.wrap_label) keep the text as given apart
    return [getattr(w, "source_text", "") or w.text for w in walk(widget)
            if isinstance(getattr(w, "text", None), str) and w.text]
