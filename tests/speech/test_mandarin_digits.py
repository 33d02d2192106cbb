"""Mandarin prompts with digits, dates, times and phone numbers are read in Mandarin, not English.

The check uses the phonemes espeak-ng traces while it synthesises exactly the text the Speaker
would synthesise. It is shown to catch the fault on English speech and, when Debian's
espeak-ng 1.51 command is installed, on that engine's Mandarin output (the known bug).
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from kiosk.i18n import Translator
from kiosk.speech import digit_check
from kiosk.speech.digit_check import english_digits_in
from kiosk.speech.engine import shared_engine
from kiosk.speech.speaker import Prompt, Speaker
from kiosk.speech.sinks import NullSink
from kiosk.speech.voices import load_voices

# Real prompts from assets/i18n with the kinds of numbers a resident hears.
from testkit.speech_prompts import ZH_PROMPTS  # noqa: E402 (shared with bench/bench_speech_engines.py)

@pytest.fixture(scope="module")
def engine():
    return shared_engine()


@pytest.fixture(scope="module")
def english_digit_phonemes(engine) -> set[str]:
    """The engine's own English phonemes for digit names."""
    return digit_check.english_digit_phonemes(engine)


def test_engine_is_the_bundled_1_52(engine):
    assert engine.info.version.startswith("1.52"), engine.info


def test_checker_catches_english_digits(engine, english_digit_phonemes):
    english = engine.phonemes("Please wait 3 minutes, call 1 2 3 4 5", "en-us")
    assert english_digits_in(english, english_digit_phonemes)


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="Debian espeak-ng (1.51) not installed")
def test_checker_catches_debian_1_51_reading_digits_as_english(english_digit_phonemes):
    out = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout
    if " 1.51" not in out:
        pytest.skip(f"system espeak-ng is not 1.51: {out.strip()}")
    phonemes = subprocess.run(["espeak-ng", "-v", "cmn", "-q", "-x", "请在3分钟内取件"],
                              capture_output=True, text=True, check=True).stdout
    assert english_digits_in(phonemes, english_digit_phonemes), phonemes


def test_mandarin_digits_have_mandarin_syllables(engine):
    phonemes = engine.phonemes("0 1 2 3 4 5 6 7 8 9", "cmn")
    for syllable in ["l'i35N", "j'i55", "'@r51", "s'a55n", "s'i[51", "w'u214", "l'iou51",
                     "tS;h'i55", "p'A55", "tS;'iou214"]:
        assert syllable in phonemes, (syllable, phonemes)


@pytest.mark.parametrize("key,params", ZH_PROMPTS, ids=[k for k, _ in ZH_PROMPTS])
def test_zh_prompt_speaks_no_english_digit_names(engine, english_digit_phonemes, key, params):
    speaker = Speaker(Translator(), NullSink(), engine=engine)
    try:
        text, _ = speaker.render(Prompt(key, "zh", tuple(params.items())))
    finally:
        speaker.close()
    assert not text.startswith("["), f"{key} missing from assets/i18n"
    assert re.search(r"\d", text), text
    voice = load_voices()["zh"]
    spoken = voice.spoken_form(text)
    pcm, phonemes = engine.synthesize_traced(spoken, voice.voice, voice.rate)  # what is heard
    assert len(pcm) > engine.sample_rate and phonemes.strip()
    assert english_digits_in(phonemes, english_digit_phonemes) == [], (text, phonemes)
    # the digits were read as toned Mandarin syllables, not skipped
    assert len(re.findall(r"\d\d\d?", phonemes)) >= len(re.findall(r"\d", spoken)) // 2


def test_phone_numbers_are_read_digit_by_digit():
    zh = load_voices()["zh"]
    assert zh.spoken_form("热线12345") == "热线1 2 3 4 5 "
    assert zh.spoken_form("2026年11月28日").startswith("2 0 2 6年")
    assert zh.spoken_form("第 17 页") == "第 17 页"
    assert zh.spoken_form("电话010-65123456").startswith("电话0 1 0 6 5 1 2")
    assert zh.spoken_form("400-810-8000。") == "4 0 0 8 1 0 8 0 0 0 。"
    assert zh.spoken_form("2026-11-28 9:00-17:00") == "2026-11-28 9:00-17:00"
