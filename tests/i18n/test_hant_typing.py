"""zh-Hant typing: pinyin candidates in Traditional characters, and a catalog search that finds the
same services whichever script was typed, on whichever language's screen."""
from __future__ import annotations

import pytest

from kiosk.core import build_core
from kiosk.i18n_convert import convert
from kiosk.input.script import in_script


@pytest.fixture(scope="module")
def content():
    return build_core(start_devices=False).content


def test_candidates_are_shown_in_the_residents_script():
    assert in_script("社会保险", "zh-Hant") == convert("社会保险", "s2tw") == "社會保險"
    assert in_script("社会保险", "zh") == "社会保险"  # Simplified screens keep the engine's text
    assert in_script("shebao", "en") == "shebao"


@pytest.mark.parametrize("screen_lang", ["zh", "en", "zh-Hant"])
def test_search_normalises_both_scripts(content, screen_lang):
    for simplified in ("医保", "户口", "营业执照", "社会保险"):
        traditional = convert(simplified, "s2tw")
        assert traditional != simplified
        found = [e.code for e in content.search(simplified, screen_lang)]
        assert found, simplified
        assert [e.code for e in content.search(traditional, screen_lang)] == found, traditional
