"""Helpers that build catalog text once per language for page values (screens pick the language)."""
from __future__ import annotations

from itertools import zip_longest
from typing import Mapping

from kiosk.i18n import Localized


def named(name: str, reason: str, lang: str) -> str:
    """An item's name before one of its reasons, punctuated for the language."""
    return f"{name}{'：' if lang.startswith('zh') else ': '}{reason}"


def lines(by_lang: Mapping[str, list[str]]) -> tuple[Localized, ...]:
    """Line i of every language as one value (a language with fewer lines shows none there)."""
    codes = list(by_lang)
    return tuple(Localized.of(dict(zip(codes, row)))
                 for row in zip_longest(*(by_lang[c] for c in codes), fillvalue=""))
