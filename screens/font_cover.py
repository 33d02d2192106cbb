"""Which characters the kiosk's font can draw (no Kivy: the pinyin benchmark uses it too)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_FILE = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSansSC-Kiosk.otf"


@lru_cache(maxsize=1)
def _font_chars() -> frozenset[int]:
    from fontTools.ttLib import TTFont  # reads only the cmap table of the kiosk's subset font

    return frozenset(TTFont(str(FONT_FILE), lazy=True).getBestCmap())


def font_covers(text: str) -> bool:
    """True when the kiosk's font can draw every character of text (candidates are filtered by it)."""
    chars = _font_chars()
    return all(ord(ch) in chars for ch in text)
