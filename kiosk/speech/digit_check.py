"""Finds English digit names in espeak-ng phoneme output (the Mandarin-reads-English fault)."""
from __future__ import annotations

import re

ENGLISH_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                       "nine", "ten", "eleven", "twelve", "twenty", "thirty", "hundred", "thousand")


def bare_phonemes(phonemes: str) -> str:
    """Phonemes without stress, length, pause and tone marks, so "Tr'i:55" compares as "Tri"."""
    return re.sub(r"[',;_|!:#\d\s]", "", phonemes)


def english_digit_phonemes(engine, voice: str = "en-us") -> set[str]:
    """The engine's own English phonemes for the digit names, bare."""
    return {bare_phonemes(engine.phonemes(word, voice)) for word in ENGLISH_DIGIT_WORDS}


def english_digits_in(phonemes: str, english: set[str]) -> list[str]:
    """English digit names in a phoneme string.

    Looked for inside English stretches ("(en)...(cmn)": Latin words such as "PDF" may switch to
    English legitimately, digit names may not), in output with no Mandarin tones at all, and as
    whole words anywhere.
    """
    stretches = re.findall(r"\(en[^)]*\)(.*?)(?:\([a-z-]+\)|$)", phonemes)
    if not stretches and not re.search(r"\d\d", phonemes):
        stretches = [phonemes]
    found = [digit for stretch in stretches for digit in sorted(english)
             if digit in bare_phonemes(stretch)]
    words = {bare_phonemes(w) for w in re.split(r"[\s_|]+", phonemes) if w}
    return found + sorted(words & english)
