"""Saves what the window shows to a PNG by rendering the widget tree into an offscreen buffer.

Reading the framebuffer after a flip returns the back buffer, which may hold an older frame;
rendering the root widget into an Fbo always captures the current state.
"""
from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.core.window import Window


def grab_now(path: Path) -> Path:
    """Render the window's widgets into a PNG at path now."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    root = Window.children[-1] if Window.children else None
    if root is None:
        raise RuntimeError("no widget to capture")
    root.export_to_png(str(path))
    return path


def save_window_png(path: Path) -> None:
    """Save the window after the next frame (so pending layout has run)."""
    Clock.schedule_once(lambda _dt: grab_now(path), 0)
