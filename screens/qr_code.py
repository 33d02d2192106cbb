"""A QR code drawn on screen (the guide's address when the slip could not be printed)."""
from __future__ import annotations

import segno
from kivy.graphics import Color, Rectangle
from kivy.graphics.texture import Texture
from kivy.properties import StringProperty
from kivy.uix.widget import Widget

QUIET_ZONE = 4  # modules of white around the symbol, as phones need


def qr_texture(data: str) -> Texture:
    """A black-on-white texture of the QR code, one texel per module (scaled with no blur)."""
    qr = segno.make(data, error="m", micro=False)
    rows = [[0] * QUIET_ZONE + [int(bool(v)) for v in row] + [0] * QUIET_ZONE for row in qr.matrix]
    side = len(rows[0])
    blank = [[0] * side for _ in range(QUIET_ZONE)]
    rows = blank + rows + blank
    pixels = bytes(0 if dark else 255 for row in reversed(rows) for dark in row)  # GL: bottom up
    texture = Texture.create(size=(side, side), colorfmt="luminance")
    texture.blit_buffer(pixels, colorfmt="luminance", bufferfmt="ubyte")
    texture.mag_filter = texture.min_filter = "nearest"
    return texture


class QrCode(Widget):
    """Shows `data` as a square QR code as large as the widget allows; nothing when empty."""

    data = StringProperty("")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fbind("data", self._redraw)
        self.fbind("size", self._redraw)
        self.fbind("pos", self._redraw)

    def _redraw(self, *_args) -> None:
        self.canvas.clear()
        if not self.data:
            return
        side = min(self.width, self.height)
        with self.canvas:
            Color(1, 1, 1, 1)
            Rectangle(texture=qr_texture(self.data), size=(side, side),
                      pos=(self.center_x - side / 2, self.center_y - side / 2))
