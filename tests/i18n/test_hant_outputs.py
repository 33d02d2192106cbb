"""Traditional Chinese beyond the screen: the notice slip and the voice (Mandarin, cmn)."""
from __future__ import annotations

from kiosk.core import build_core
from kiosk.i18n import t
from kiosk.languages import language
from kiosk.speech.engine import shared_engine
from testkit.fake_hub import FakeDeviceHub


def test_the_notice_slip_prints_in_traditional_with_chinese_punctuation():
    content = build_core(start_devices=False).content
    guide = content.guide("HRSS-001", "zh-Hant", FakeDeviceHub().statuses())
    text = content.notice_slip(guide, "zh-Hant").decode("gb18030", "replace")
    assert guide.title.pick("zh-Hant") in text and "社會保險" in text
    assert "居民身份證（原件1份）" in text and "(原件" not in text
    assert "\ufffd" not in text  # every Traditional character encodes for the printer


def test_mandarin_reads_traditional_prompts_as_it_reads_simplified():
    """zh-Hant speaks with the Mandarin voice (Taiwan's language, and the one Hong Kong and
    Macao residents use with mainland offices; Cantonese 'yue' would lose Taiwan's residents):
    the same prompts in both scripts must give the same phonemes."""
    voice = language("zh-Hant").voice
    assert voice == language("zh").voice == "cmn"
    engine = shared_engine()
    differ = 0
    for key in ("voice.screen.catalog", "voice.screen.attract", "chrome.help", "guide.print"):
        zh, hant = t(key, "zh"), t(key, "zh-Hant")
        differ += zh != hant
        assert engine.phonemes(hant, voice) == engine.phonemes(zh, voice), key
    assert differ >= 3  # the prompts really are in another script
