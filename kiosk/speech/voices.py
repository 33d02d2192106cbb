"""The voice table: which espeak-ng voice and base rate speak each UI language (data, not code)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

DEFAULT_VOICES = Path(__file__).resolve().parent.parent.parent / "assets" / "speech" / "voices.json"
_YEAR = re.compile(r"(\d{4})(?=年)")
# 010-65123456, 400-810-8000: groups of 3+ digits after the first; dates (2026-11-28) and
# times (9:00-17:00) do not match.
_GROUPED_NUMBER = re.compile(r"(?<![\d:])\d{2,4}(?:-\d{3,8})+(?![\d:])")


class VoiceTableError(ValueError):
    """The voice table is malformed."""


@dataclass(frozen=True)
class Voice:
    """One language's voice: espeak-ng voice name, base words per minute, digit-run threshold."""

    lang: str
    voice: str
    rate: int = 165
    read_digits_from: int = 5

    def spoken_form(self, text: str) -> str:
        """Text as read aloud: phone numbers, long digit runs (codes) and 年 years digit by digit."""
        limit = self.read_digits_from
        if limit > 0:
            text = _GROUPED_NUMBER.sub(lambda m: " ".join(m.group(0).replace("-", "")) + " ", text)
            text = re.sub(r"\d{%d,}" % limit, lambda m: " ".join(m.group(0)) + " ", text)
        if self.lang.startswith("zh"):
            text = _YEAR.sub(lambda m: " ".join(m.group(1)), text)
        return text


def load_voices(path: Path | str = DEFAULT_VOICES) -> dict[str, Voice]:
    """Read the voice table {lang: {"voice": .., "rate": .., "read_digits_from": ..}}."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise VoiceTableError(f"{path}: cannot read the voice table: {exc}") from exc
    return parse_voices(data, str(path))


def parse_voices(data: Mapping, origin: str = "voice table") -> dict[str, Voice]:
    """Validate a voice table already parsed from JSON."""
    if not isinstance(data, dict) or not data:
        raise VoiceTableError(f"{origin}: must be a non-empty object of languages")
    voices: dict[str, Voice] = {}
    for lang, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("voice"), str):
            raise VoiceTableError(f"{origin}: language {lang!r} needs a \"voice\" string")
        rate = entry.get("rate", 165)
        digits = entry.get("read_digits_from", 5)
        if not isinstance(rate, int) or not 80 <= rate <= 450:
            raise VoiceTableError(f"{origin}: language {lang!r}: rate {rate!r} is not 80..450 wpm")
        if not isinstance(digits, int) or digits < 0:
            raise VoiceTableError(f"{origin}: language {lang!r}: read_digits_from must be >= 0")
        voices[lang] = Voice(lang, entry["voice"], rate, digits)
    return voices
