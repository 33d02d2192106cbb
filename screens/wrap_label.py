"""A Label that breaks lines the way Chinese and English are read (kiosk.linebreak rules).

Kivy wraps only at spaces and splits anything longer at whatever character hits the edge, so a
Chinese sentence left its bullet alone on a line and a phone number could break as "12 / 345".
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kivy.core.text import Label as CoreLabel
from kivy.properties import ColorProperty, StringProperty
from kivy.uix.label import Label

from kiosk import linebreak

DEFAULT_FONT_FILE = str(Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSansSC-Kiosk.otf")
SAFETY = 0.97  # per-character widths summed ignore kerning; keep a little room


@lru_cache(maxsize=64)
def _measurer(font_name: str, font_size: float, bold: bool) -> CoreLabel:
    return CoreLabel(font_name=font_name, font_size=font_size, bold=bold)


@lru_cache(maxsize=65536)
def char_width(font_name: str, font_size: float, bold: bool, ch: str) -> float:
    """Width in pixels of one character drawn in this font."""
    return float(_measurer(font_name, font_size, bold).get_extents(ch)[0])


class LineBreaking:
    """Mixin for a Label or Button: set `text` as usual; it shows broken into fitting lines."""

    source_text = StringProperty("")  # the text as given, before line breaks were added

    def __init__(self, **kwargs) -> None:
        self._setting = False  # True while this mixin itself writes `text`
        super().__init__(**kwargs)
        for prop in ("width", "font_size", "bold", "font_name", "text_size", "padding"):
            self.fbind(prop, self._rewrap)
        self._rewrap()

    def on_text(self, _instance, value: str) -> None:
        """New text from outside: keep it as the source and break it into lines."""
        if not self._setting:
            self.source_text = value
            self._rewrap()

    def _show(self, text: str) -> None:
        self._setting = True
        try:
            self.text = text
        finally:
            self._setting = False

    def _rewrap(self, *_args) -> None:
        limit = self.text_size[0] if self.text_size[0] else None
        if not limit or limit < 4 or not self.source_text:
            if not limit and self.source_text and self.text != self.source_text:
                self._show(self.source_text)  # one line again (text_size was unset)
            return
        key = (self.font_name, float(self.font_size), bool(self.bold))
        wrapped = "\n".join(linebreak.wrap(self.source_text, limit * SAFETY,
                                           lambda ch: char_width(*key, ch)))
        if wrapped != self.text:
            self._show(wrapped)


class WrapLabel(LineBreaking, Label):
    """A Label with Chinese/English line breaking."""


class PanelLabel(WrapLabel):
    """Text on a coloured panel (availability): its colour is `ink`, set by the screen."""

    ink = ColorProperty([1, 1, 1, 1])
