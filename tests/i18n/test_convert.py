"""Simplified -> Traditional conversion of every shipped string: overrides, no Simplified left,
and every character drawable in the Traditional Chinese font."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont

from kiosk.i18n import default_strings
from kiosk.i18n_convert import OVERRIDES, convert, to_simplified
from kiosk.languages import language

ROOT = Path(__file__).resolve().parents[2]
PROFILE = language("zh-Hant").convert


def shipped_chinese() -> list[str]:
    """Every Chinese UI string and every Chinese text of the shipped catalog and profiles."""
    texts = [v["zh"] for v in default_strings().values()]
    for path in sorted((ROOT / "config").rglob("*.toml")):
        texts += re.findall(r'zh = "([^"]*)"', path.read_text(encoding="utf-8"))
    assert len(texts) > 800, "too few texts found: is the scan still reading the files?"
    return texts


@pytest.mark.parametrize("simplified,traditional", [
    ("材料上写明了去哪里办。", "材料上寫明了去哪裡辦。"),  # 了 the particle, not 瞭
    ("5个工作日内核准，营业执照当场打印", "5個工作日內核准，營業執照當場打印"),
    ("年满16周岁", "年滿16周歲"),
    ("按制卡标准", "按製卡標準"),
    ("公章刻制备案", "公章刻製備案"),
    ("请到窗口办理，代码已通过审核", "請到窗口辦理，代碼已通過審核"),  # words kept (not s2twp)
])
def test_reviewed_conversions(simplified, traditional):
    assert convert(simplified, PROFILE) == traditional


def test_every_override_is_used_by_shipped_text():
    joined = "\n".join(shipped_chinese())
    unused = [phrase for phrase in OVERRIDES if phrase not in joined and phrase not in (
        "明了", "批准", "准予", "制作")]  # kept for phrasing common in guides
    assert not unused, f"overrides no shipped text needs: {unused}"


def test_no_simplified_character_is_left_and_the_text_round_trips():
    mismatched = set()
    for text in shipped_chinese():
        traditional = convert(text, PROFILE)
        back = to_simplified(traditional)
        if back != text:
            mismatched |= {(a, b) for a, b in zip(text, back) if a != b}
    # 着/著: OpenCC's t2s keeps 著 (a Simplified character too); every other difference fails
    assert mismatched <= {("着", "著")}, mismatched


def test_every_character_has_a_glyph_in_its_language_font():
    from screens.wrap_label import DEFAULT_FONT_FILE
    tc_path = language("zh-Hant").font_file(DEFAULT_FONT_FILE)
    assert tc_path != DEFAULT_FONT_FILE, "no Traditional font installed (apt-get install " \
        "fonts-wqy-microhei; .ci/bootstrap.sh does)"
    tc = set(TTCollection(tc_path).fonts[0].getBestCmap()) if tc_path.endswith(".ttc") \
        else set(TTFont(tc_path).getBestCmap())
    sc = set(TTFont(DEFAULT_FONT_FILE).getBestCmap())
    texts = shipped_chinese()
    missing_tc = {c for x in texts for c in convert(x, PROFILE)
                  if not c.isspace() and ord(c) not in tc}
    missing_sc = {c for x in texts for c in x if not c.isspace() and ord(c) not in sc}
    assert not missing_tc and not missing_sc, (missing_tc, missing_sc)
    # the language button draws "繁體中文" in its own font on every screen
    assert all(ord(c) in tc for c in language("zh-Hant").name)
