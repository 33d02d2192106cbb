"""The kiosk's languages as data (assets/i18n/languages.json): names, fonts, voices, fallbacks.

Adding a language is a line in that file (and its strings, or a conversion profile). zh-Hant
speaks with espeak-ng's Mandarin voice (cmn): Mandarin is Taiwan's language and the one Hong Kong
and Macao residents use with mainland offices; Cantonese (yue) would lose Taiwan's residents.
cmn reads Traditional characters with the same phonemes as Simplified (tests/i18n checks it).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

LANGUAGE_FILE = "languages.json"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "assets" / "i18n" / LANGUAGE_FILE


class LanguageTableError(ValueError):
    """The language table is malformed."""


@dataclass(frozen=True)
class Language:
    """One UI language: its code, its name written in itself, fonts, voice and fallback."""

    code: str
    name: str  # in the language itself: 中文, English, 繁體中文
    fonts: tuple[str, ...]  # candidate font files, preferred first
    voice: str  # espeak-ng voice name
    fallback: str | None = None  # where missing text comes from
    convert: str | None = None  # OpenCC profile making this language's text from the fallback's

    def font_file(self, default: str) -> str:
        """The first candidate font file that exists here, else default."""
        for name in self.fonts:
            path = Path(name) if Path(name).is_absolute() else ROOT / name
            if path.is_file():
                return str(path)
        return default


def parse_languages(data: Any, origin: str = "language table") -> dict[str, Language]:
    """Validate the parsed table; every problem is named with its language."""
    if not isinstance(data, dict) or not isinstance(data.get("languages"), list) \
            or not data["languages"]:
        raise LanguageTableError(f"{origin}: needs a non-empty \"languages\" list")
    out: dict[str, Language] = {}
    for n, entry in enumerate(data["languages"], 1):
        if not isinstance(entry, dict):
            raise LanguageTableError(f"{origin}: language #{n} must be an object")
        code = entry.get("code")
        where = f"{origin}: language {code or '#' + str(n)!r}"
        for field in ("code", "name", "voice"):
            if not isinstance(entry.get(field), str) or not entry[field].strip():
                raise LanguageTableError(f"{where}: \"{field}\" must be a non-empty string")
        fonts = entry.get("font", [])
        if isinstance(fonts, str):
            fonts = [fonts]
        if not isinstance(fonts, list) or not all(isinstance(f, str) for f in fonts):
            raise LanguageTableError(f"{where}: \"font\" must be a file name or a list of them")
        if code in out:
            raise LanguageTableError(f"{where}: listed twice")
        fallback, convert = entry.get("fallback"), entry.get("convert")
        if convert is not None and (not isinstance(convert, str) or not fallback):
            raise LanguageTableError(f"{where}: \"convert\" needs a profile name and a fallback")
        out[code] = Language(code, entry["name"], tuple(fonts), entry["voice"], fallback, convert)
    for lang in out.values():
        if lang.fallback is not None and lang.fallback not in out:
            raise LanguageTableError(f"{origin}: {lang.code!r} falls back to unknown "
                                     f"{lang.fallback!r}")
        if lang.convert and out[lang.fallback].convert:
            raise LanguageTableError(f"{origin}: {lang.code!r} converts from {lang.fallback!r}, "
                                     "which is itself converted")
    return out


def load_languages(path: Path | str = DEFAULT_PATH) -> dict[str, Language]:
    """Read and validate the language table."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LanguageTableError(f"{path}: cannot read the language table: {exc}") from exc
    return parse_languages(data, str(path))


@lru_cache(maxsize=1)
def shipped() -> Mapping[str, Language]:
    """The shipped table, read once."""
    return load_languages()


def language(code: str) -> Language:
    """One shipped language (KeyError names the known ones)."""
    table = shipped()
    if code not in table:
        raise KeyError(f"unknown language {code!r}; known: {', '.join(table)}")
    return table[code]


def next_language(code: str) -> str:
    """The language after code in the chrome's cycle."""
    codes = list(shipped())
    return codes[(codes.index(code) + 1) % len(codes)] if code in codes else codes[0]


def derive(texts: Mapping[str, str], code: str) -> str | None:
    """code's text made by converting its fallback's (zh-Hant from zh), or None when it cannot."""
    lang = shipped().get(code)
    if lang is None or not lang.convert:
        return None
    source = texts.get(lang.fallback or "")
    if not source:
        return None
    from kiosk.i18n_convert import convert  # OpenCC's tables load on first use only
    return convert(source, lang.convert)
