"""Catalog content on pages carries every language; search and keyword chips work in zh-Hant."""
from __future__ import annotations

import pytest

from kiosk.core import build_core
from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.i18n import LANGUAGES, Localized
from kiosk.i18n_convert import convert
from testkit.fake_hub import FakeDeviceHub


@pytest.fixture(scope="module")
def content():
    return build_core(start_devices=False).content


def test_a_guide_built_once_reads_in_every_language(content):
    guide = content.bundle_guide("newborn", None, "zh", FakeDeviceHub().statuses())
    values = [guide.title, *(s.title for s in guide.sections),
              *(line for s in guide.sections for line in s.lines),
              *guide.availability.reasons, *(title for _, title, _ in guide.bundle_items)]
    assert all(isinstance(v, Localized) for v in values)
    for value in values:
        zh, hant = value.pick("zh"), value.pick("zh-Hant")
        assert hant == convert(zh, "s2tw")
    assert guide.title.pick("en").isascii() and not guide.title.pick("zh").isascii()
    assert guide.title.pick("zh-Hant") != guide.title.pick("zh")
    reasons = [r.pick("zh-Hant") for r in guide.availability.reasons]
    assert reasons and all("：" in r for r in reasons)  # each names its item, Chinese punctuation


def test_traditional_search_finds_what_simplified_finds(content):
    for simplified in ("医保", "户口", "营业执照", "结婚登记", "养老"):
        traditional = convert(simplified, "s2tw")
        assert traditional != simplified
        zh = [e.code for e in content.search(simplified, "zh")]
        hant = [e.code for e in content.search(traditional, "zh-Hant")]
        assert zh and hant == zh, simplified


def test_keyword_chips_in_traditional_each_find_something_offered(content):
    chips = content.hot_keywords("zh-Hant")
    assert chips and chips == tuple(convert(w, "s2tw") for w in content.hot_keywords("zh"))
    for word in chips:
        assert content.search(word, "zh-Hant"), word


def test_switching_language_keeps_the_open_guide(content):
    from kiosk.flow.journeys import build_flow
    from testkit.clock import FakeClock
    from testkit.inline_executor import InlineExecutor
    host = build_flow(content, FakeDeviceHub(), idle_timeout_s=90, idle_warning_s=30,
                      language="zh", clock=FakeClock(), executor=InlineExecutor())
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService("HRSS-001"))
    before = host.state.page.guide
    for lang in LANGUAGES:
        host.dispatch(it.SetLanguage(lang))
        guide = host.state.page.guide
        assert host.state.language == lang and guide.code == "HRSS-001"
        assert guide.title == before.title  # the same content; the screen picks the language
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        host.dispatch(it.SetLanguage("fr"))
