"""Simplified -> Traditional Chinese conversion (OpenCC) with a reviewed table of overrides.

Profile choice (see assets/i18n/languages.json): `s2tw`, character conversion to the Taiwan
standard forms, without phrase substitution. The phrase profiles rewrite government terms into
other words: s2twp turned 134 of 537 UI strings into e.g. 窗口->視窗 (a computer window),
代码->程式碼, 审核->稽核, 通过->透過, 类型->型別; s2hk keeps the words but uses Hong Kong variant
glyphs (閲, 户). s2tw is read naturally in Taiwan, Hong Kong and Macao alike. What character
conversion still gets wrong is fixed by OVERRIDES (source phrase -> Traditional phrase), matched
leftmost-longest on the Simplified text before OpenCC sees the rest; tests/i18n checks them.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Iterable

from opencc import OpenCC

# Reviewed: each entry is a phrase OpenCC's character tables get wrong in our texts.
OVERRIDES: dict[str, str] = {
    "明了": "明了",      # 写明了 (wrote clearly): the particle 了, not 瞭 (to understand)
    "核准": "核准",      # approve: 准 (permit), not 準 (accurate)
    "批准": "批准",
    "准予": "准予",
    "周岁": "周歲",      # years of age: the Ministry of Education form is 周歲
    "制卡": "製卡",      # making a card is 製 (manufacture)
    "刻制": "刻製",      # carving a seal
    "制作": "製作",
}


@lru_cache(maxsize=4)
def _opencc(profile: str) -> OpenCC:
    return OpenCC(profile)


@lru_cache(maxsize=4)
def _override_pattern(profile: str) -> re.Pattern[str] | None:
    if not profile.startswith("s2"):
        return None
    phrases = sorted(OVERRIDES, key=len, reverse=True)  # longest first at each position
    return re.compile("|".join(map(re.escape, phrases)))


@lru_cache(maxsize=20_000)
def convert(text: str, profile: str) -> str:
    """text converted with an OpenCC profile ("s2tw", "t2s", ...), overrides applied; cached."""
    if not text:
        return text
    cc = _opencc(profile)
    pattern = _override_pattern(profile)
    if pattern is None:
        return cc.convert(text)
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        out.append(cc.convert(text[pos:match.start()]))
        out.append(OVERRIDES[match.group(0)])
        pos = match.end()
    out.append(cc.convert(text[pos:]))
    return "".join(out)


def to_simplified(text: str) -> str:
    """Traditional text (a typed query, a chip's word) in Simplified characters."""
    return convert(text, "t2s")


def warm_up(texts: Iterable[str], profile: str | None = None) -> threading.Thread:
    """Convert texts on a background thread so later lookups are cache hits (catalog content at
    start-up: a guide opened in zh-Hant then converts only what it formats)."""
    if profile is None:
        from kiosk.languages import shipped
        profiles = {x.convert for x in shipped().values() if x.convert}
    else:
        profiles = {profile}
    items = list(texts)

    def run() -> None:
        for name in profiles:
            for text in items:
                convert(text, name)

    thread = threading.Thread(target=run, name="zh-hant-warm-up", daemon=True)
    thread.start()
    return thread
