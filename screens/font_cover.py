"""Which characters the kiosk's font can draw (no Kivy: the pinyin benchmark uses it too)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_FILE = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSansSC-Kiosk.otf"


@lru_cache(maxsize=4)
def _font_chars(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # reads only the cmap table

    # a collection (.ttc, zh-Hant's WenQuanYi): face 0, the one Kivy opens
    number = 0 if path.lower().endswith(".ttc") else -1
    return frozenset(TTFont(path, lazy=True, fontNumber=number).getBestCmap())


def font_covers(text: str, font_file: str | Path = FONT_FILE) -> bool:
    """True when the font (default: the kiosk's subset font) can draw every character of text
    (candidates are filtered by it)."""
    chars = _font_chars(str(font_file))
    return all(ord(ch) in chars for ch in text)
