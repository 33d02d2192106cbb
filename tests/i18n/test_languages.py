"""Languages as data: the shipped table, its validation, and how strings fall back or convert."""
from __future__ import annotations

import json

import pytest

from kiosk.catalog.text import Text
from kiosk.i18n import (LANGUAGES, STORED_LANGUAGES, Localized, Msg, TranslationError, load_strings,
                        localize, render, t)
from kiosk.languages import LanguageTableError, language, next_language, parse_languages


def test_shipped_languages_name_themselves_and_cycle():
    assert LANGUAGES[:2] == ("zh", "en") and "zh-Hant" in LANGUAGES
    assert STORED_LANGUAGES == ("zh", "en")  # zh-Hant is made by conversion
    assert [language(c).name for c in LANGUAGES] == ["中文", "English", "繁體中文"]
    assert language("zh-Hant").voice == "cmn" and language("zh-Hant").convert == "s2tw"
    seen, code = [], "zh"
    for _ in LANGUAGES:
        seen.append(code)
        code = next_language(code)
    assert code == "zh" and seen == list(LANGUAGES)


def test_every_language_has_a_voice_in_the_speech_table():
    from kiosk.speech.voices import load_voices
    voices = load_voices()
    for code in LANGUAGES:  # the speech layer's table agrees with the language table
        assert voices[code].voice == language(code).voice, code


@pytest.mark.parametrize("table,message", [
    ({}, "non-empty \"languages\" list"),
    ({"languages": [{"code": "zh", "voice": "cmn"}]}, "'zh': \"name\" must be"),
    ({"languages": [{"code": "zh", "name": "中文", "voice": "cmn"},
                    {"code": "zh", "name": "中文", "voice": "cmn"}]}, "listed twice"),
    ({"languages": [{"code": "ja", "name": "日本語", "voice": "ja", "fallback": "zh"}]},
     "falls back to unknown 'zh'"),
    ({"languages": [{"code": "zh", "name": "中文", "voice": "cmn"},
                    {"code": "zh-Hant", "name": "繁體中文", "voice": "cmn", "convert": "s2tw"}]},
     "needs a profile name and a fallback"),
    ({"languages": [{"code": "zh", "name": "中文", "voice": "cmn", "font": 3}]},
     "\"font\" must be a file name"),
])
def test_a_bad_language_table_is_named_precisely(table, message):
    with pytest.raises(LanguageTableError, match=message.replace("(", r"\(")):
        parse_languages(table, "languages.json")


def test_a_key_without_traditional_text_is_converted_and_an_explicit_one_wins(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({
        "x.print": {"zh": "请在打印机取走回执", "en": "Take the receipt"},
        "x.fixed": {"zh": "软件", "en": "Software", "zh-Hant": "軟體"},
    }, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "languages.json").write_text("{}", encoding="utf-8")  # not a string table
    table = load_strings(tmp_path)
    assert t("x.print", "zh-Hant", table) == "請在打印機取走回執"
    assert t("x.fixed", "zh-Hant", table) == "軟體" and t("x.fixed", "zh", table) == "软件"
    assert render(Msg("x.print"), "en", table) == "Take the receipt"


@pytest.mark.parametrize("texts,message", [
    ({"zh": "中", "en": "x", "fr": "y"}, "unknown language \\['fr'\\]"),
    ({"zh": "中"}, "needs strings for \\('zh', 'en'\\)"),
    ({"zh": "中", "en": "x", "zh-Hant": 3}, "not a string"),
])
def test_a_bad_string_table_is_refused_with_the_key_named(tmp_path, texts, message):
    (tmp_path / "b.json").write_text(json.dumps({"k.one": texts}), encoding="utf-8")
    with pytest.raises(TranslationError, match=f"b.json: key 'k.one'.*{message}"):
        load_strings(tmp_path)


def test_content_text_carries_every_language():
    name = Localized.of({"zh": "出生医学证明首次签发", "en": "Birth certificate"})
    assert name.pick("zh-Hant") == "出生醫學證明首次簽發"
    assert dict(name.texts)["zh-Hant"] == "出生醫學證明首次簽發"  # filled in when made
    assert Text("户口迁移", "Moving a hukou").pick("zh-Hant") == "戶口遷移"
    assert Text("户口迁移", "Moving a hukou").pick("en") == "Moving a hukou"
    assert Text("户口迁移", "x")["zh-Hant"] == "戶口遷移"  # apply forms index by language
    with pytest.raises(KeyError):
        Text("户口迁移", "x")["fr"]
    asked = []
    built = localize(lambda lang: asked.append(lang) or t("search.results", lang, n=name))
    assert asked == list(LANGUAGES)  # built once per language, from converted (cached) parts
    assert built.pick("zh-Hant") == t("search.results", "zh-Hant", n="出生醫學證明首次簽發")
    assert built.pick("en") != built.pick("zh") != built.pick("zh-Hant")
    message = Msg.of("voice.screen.guide", title=name)  # content as a parameter of a message
    assert "出生醫學證明首次簽發" in render(message, "zh-Hant")
