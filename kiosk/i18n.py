"""Translation layer: every visible string goes through `Translator.t(key, **fmt)`.

Strings live in assets/i18n/*.json, one file per area of the app, each mapping
key -> {"zh": "...", "en": "..."}. Files are merged at load; a key defined twice is an error.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Mapping

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "assets" / "i18n"


class TranslationError(ValueError):
    """A translation file is malformed or two files define the same key."""


def load_strings(directory: Path = DEFAULT_DIR) -> dict[str, dict[str, str]]:
    """Merge every JSON string table in directory."""
    table: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TranslationError(f"{path}: not valid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise TranslationError(f"{path}: top level must be an object")
        for key, texts in data.items():
            if key in origin:
                raise TranslationError(f"{path}: key {key!r} already defined in {origin[key]}")
            if not isinstance(texts, dict) or not all(
                    isinstance(texts.get(lang), str) for lang in LANGUAGES):
                raise TranslationError(f"{path}: key {key!r} needs strings for {LANGUAGES}")
            origin[key] = path.name
            table[key] = dict(texts)
    return table


class Translator:
    """Looks up UI strings in the current language; a missing key shows as [key], never crashes."""

    def __init__(self, strings: Mapping[str, Mapping[str, str]] | None = None,
                 language: str = DEFAULT_LANGUAGE) -> None:
        self.strings = dict(strings) if strings is not None else load_strings()
        self.language = language

    def t(self, key: str, lang: str | None = None, **fmt: object) -> str:
        """The string for key in lang (default: current language), formatted with fmt."""
        texts = self.strings.get(key)
        if texts is None:
            return f"[{key}]"
        text = texts.get(lang or self.language) or texts.get(DEFAULT_LANGUAGE, f"[{key}]")
        return text.format(**fmt) if fmt else text


def pick(texts: Mapping[str, str] | str, lang: str) -> str:
    """Choose the language's text from a {"zh": .., "en": ..} mapping in content data."""
    if isinstance(texts, str):
        return texts
    return texts.get(lang) or texts.get(DEFAULT_LANGUAGE) or next(iter(texts.values()), "")
