"""The font each language is drawn in (assets/i18n/languages.json), switched with the language."""
from __future__ import annotations

from kivy.core.text import DEFAULT_FONT, LabelBase

from kiosk.languages import language
from screens import wrap_label

_current = {"file": wrap_label.DEFAULT_FONT_FILE}


def font_file(lang: str) -> str:
    """The font file lang is drawn in: its first installed candidate, else the bundled one."""
    try:
        return language(lang).font_file(wrap_label.DEFAULT_FONT_FILE)
    except KeyError:
        return wrap_label.DEFAULT_FONT_FILE


def current_font_file() -> str:
    """The font file every label is drawn in now (for measuring text before it is drawn)."""
    return _current["file"]


def use_language_font(lang: str, force: bool = False) -> bool:
    """Draw every label in lang's font from now on; True when the font changed.

    Kivy resolves a label's font name at each render, so re-registering the default name is
    enough; the cached glyph measurements of the old font are dropped.
    """
    path = font_file(lang)
    if path == _current["file"] and not force:
        return False
    LabelBase.register(DEFAULT_FONT, path, path, path, path)
    _current["file"] = path
    wrap_label.char_width.cache_clear()
    wrap_label._measurer.cache_clear()
    return True
