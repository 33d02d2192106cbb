"""Localized content text: a frozen {"zh": .., "en": ..} mapping; other languages are derived."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

from kiosk.languages import derive

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Text(Mapping[str, str]):
    """A piece of content in Chinese and English; behaves as a read-only mapping lang -> str."""

    zh: str
    en: str

    def __getitem__(self, lang: str) -> str:
        if lang == "zh":
            return self.zh
        if lang == "en":
            return self.en
        made = derive({"zh": self.zh, "en": self.en}, lang)  # text["zh-Hant"] works too
        if made is None:
            raise KeyError(lang)
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)

    def pick(self, lang: str) -> str:
        """The text in lang; a converted language (zh-Hant) is made from Chinese at first use
        (cached); anything else falls back to Chinese."""
        if lang == "en" and self.en:
            return self.en
        if lang == "zh" or not self.zh:
            return self.zh
        return derive({"zh": self.zh, "en": self.en}, lang) or self.zh

    def __str__(self) -> str:
        return self.zh


def join(texts: "list[Text] | tuple[Text, ...]", zh_sep: str = "；", en_sep: str = "; ") -> Text:
    """Join several texts language by language."""
    return Text(zh_sep.join(t.zh for t in texts), en_sep.join(t.en for t in texts))


def as_text(value: Mapping[str, str] | str) -> Text:
    """Coerce a mapping or plain string (used for both languages) into Text."""
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return Text(value, value)
    return Text(value.get("zh", ""), value.get("en", ""))
