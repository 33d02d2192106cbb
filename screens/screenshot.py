"""Saves what the window shows to a PNG, taken inside on_flip so the frame is current."""
from __future__ import annotations

from pathlib import Path

from kivy.core.window import Window
from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels


def grab_now(path: Path) -> Path:
    """Read the framebuffer and write it as a PNG (call after a flip)."""
    from PIL import Image
    width, height = Window.size
    data = glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE)
    img = Image.frombytes("RGBA", (width, height), data).transpose(Image.FLIP_TOP_BOTTOM)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.convert("RGB").save(path)
    return path


def save_window_png(path: Path) -> None:
    """Ask for a redraw and save the frame after the next flip."""
    def on_flip(*_args) -> None:
        Window.unbind(on_flip=on_flip)
        grab_now(path)
    Window.bind(on_flip=on_flip)
    Window.canvas.ask_update()
