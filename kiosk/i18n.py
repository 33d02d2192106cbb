"""Translation layer: stateless `t(key, lang, **params)` and the `Msg` values that carry text.

Strings live in assets/i18n/*.json, one file per area of the app, each mapping
key -> {"zh": "...", "en": "..."}. Files are merged at load; a key defined twice is an error.
The core never translates prompts: it hands screens a `Msg(key, params)` and the screen calls
`render(msg, lang)`. The same keys will be spoken aloud later.

The languages themselves are data (assets/i18n/languages.json, see kiosk.languages): a
language with a conversion profile (zh-Hant) needs no strings of its own; a key without one is
converted from its fallback's text at lookup (cached). A table may still give "zh-Hant"
explicitly for a key conversion gets wrong.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

from kiosk.fileio import FileReadError, read_json
from kiosk.languages import LANGUAGE_FILE, Language, derive, language, load_languages, \
    next_language

_SHIPPED = load_languages()
LANGUAGES: tuple[str, ...] = tuple(_SHIPPED)  # every UI language, in the chrome's order
STORED_LANGUAGES: tuple[str, ...] = tuple(c for c, x in _SHIPPED.items() if not x.convert)
DEFAULT_LANGUAGE = "zh"
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "assets" / "i18n"

__all__ = ["LANGUAGES", "STORED_LANGUAGES", "DEFAULT_LANGUAGE", "Language", "Localized", "Msg",
           "Translator", "TranslationError", "language", "localize", "next_language", "pick",
           "render", "t"]


class TranslationError(ValueError):
    """A translation file is malformed or two files define the same key."""


def load_strings(directory: Path = DEFAULT_DIR) -> dict[str, dict[str, str]]:
    """Merge every JSON string table in directory."""
    table: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in sorted(directory.glob("*.json")):
        if path.name == LANGUAGE_FILE:
            continue
        try:
            data = read_json(path, max_bytes=2_000_000)
        except FileReadError as exc:
            raise TranslationError(str(exc)) from None
        if not isinstance(data, dict):
            raise TranslationError(f"{path}: top level must be an object")
        for key, texts in data.items():
            if key in origin:
                raise TranslationError(f"{path}: key {key!r} already defined in {origin[key]}")
            if not isinstance(texts, dict) or not all(
                    isinstance(texts.get(lang), str) for lang in STORED_LANGUAGES):
                raise TranslationError(f"{path}: key {key!r} needs strings for {STORED_LANGUAGES}")
            unknown = sorted(set(texts) - set(LANGUAGES))
            if unknown or not all(isinstance(v, str) for v in texts.values()):
                raise TranslationError(f"{path}: key {key!r}: unknown language {unknown} or a "
                                       f"text that is not a string (languages: {LANGUAGES})")
            origin[key] = path.name
            table[key] = dict(texts)
    return table


@lru_cache(maxsize=1)
def default_strings() -> Mapping[str, Mapping[str, str]]:
    """The shipped string tables, read once."""
    return load_strings()


@dataclass(frozen=True)
class Localized:
    """Content text in every language (a branch name, a help point), chosen at render time."""

    texts: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, texts: Mapping[str, str] | str) -> "Localized":
        """From a {"zh": .., "en": ..} mapping (or one string for every language); languages
        made by conversion (zh-Hant) are filled in here, so rendering is a lookup."""
        if isinstance(texts, str):
            return cls(tuple((lang, texts) for lang in LANGUAGES))
        full = dict(texts)
        for lang in LANGUAGES:
            if not full.get(lang):
                made = derive(full, lang)
                if made is not None:
                    full[lang] = made
        return cls(tuple(sorted(full.items())))

    def pick(self, lang: str) -> str:
        """The text in lang, else the default language's."""
        return pick(dict(self.texts), lang)


@dataclass(frozen=True)
class Msg:
    """A message key with its parameters: what the core says, translated only by screens.

    A parameter may itself be a `Msg` or `Localized`; both are rendered in the same language.
    """

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **params: Any) -> "Msg":
        """Msg.of("search.results", n=3)."""
        return cls(key, tuple(sorted(params.items())))

    def param(self, name: str, default: Any = None) -> Any:
        """One parameter's value."""
        return dict(self.params).get(name, default)


def t(key: str, lang: str, strings: Mapping[str, Mapping[str, str]] | None = None,
      **params: Any) -> str:
    """The string for key in lang, formatted with params; a missing key shows as [key]."""
    table = default_strings() if strings is None else strings
    texts = table.get(key)
    if texts is None:
        return f"[{key}]"
    text = texts.get(lang) or derive(texts, lang) or texts.get(DEFAULT_LANGUAGE, f"[{key}]")
    if not params:
        return text
    return text.format(**{name: _param(value, lang, table) for name, value in params.items()})


def _param(value: Any, lang: str, table: Mapping[str, Mapping[str, str]]) -> Any:
    if isinstance(value, Msg):
        return render(value, lang, table)
    if isinstance(value, Localized):
        return value.pick(lang)
    return value


def render(msg: "Msg | Localized | str | None", lang: str,
           strings: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """A message (or content text) as the resident reads it in lang; None renders empty."""
    if msg is None:
        return ""
    if isinstance(msg, str):
        return msg
    if isinstance(msg, Localized):
        return msg.pick(lang)
    return t(msg.key, lang, strings, **dict(msg.params))


class Translator:
    """A string table; stateless: every lookup names its language."""

    def __init__(self, strings: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.strings = dict(strings) if strings is not None else dict(default_strings())

    def t(self, key: str, lang: str, **fmt: object) -> str:
        """The string for key in lang, formatted with fmt."""
        return t(key, lang, self.strings, **fmt)

    def render(self, msg: "Msg | Localized | str | None", lang: str) -> str:
        """A Msg in lang."""
        return render(msg, lang, self.strings)


def pick(texts: Mapping[str, str] | str, lang: str) -> str:
    """Choose the language's text from a {"zh": .., "en": ..} mapping in content data."""
    if isinstance(texts, str):
        return texts
    return texts.get(lang) or derive(texts, lang) or texts.get(DEFAULT_LANGUAGE) \
        or next(iter(texts.values()), "")


def localize(build: Callable[[str], str]) -> Localized:
    """Content text built once per language by build(lang) (zh-Hant from converted, cached parts:
    no whole page is converted at once). The page carries it; the screen picks the language."""
    return Localized.of({lang: build(lang) for lang in LANGUAGES})
