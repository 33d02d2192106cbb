"""Chinese typed in the resident's script: pinyin candidates in Traditional characters for zh-Hant."""
from __future__ import annotations

from kiosk.languages import derive, shipped


def in_script(text: str, lang: str) -> str:
    """text (Simplified, as the pinyin engine gives it) in lang's script; unchanged for zh and en."""
    info = shipped().get(lang)
    if info is None or not info.convert or not info.fallback:
        return text
    made = derive({info.fallback: text}, lang)
    return made if made is not None else text
