"""The voice guide without a window: which prompt each page declares, when it cuts, the settings."""
from __future__ import annotations

import pytest

from kiosk.flow.browse.pages import Availability, CatalogPage, GuidePage, GuideView, PrintPage
from kiosk.flow.prompts import DEFAULT_KEY, ScreenPrompt, screen_prompt
from kiosk.flow.scan.pages import DOCUMENT_CAMERA, QR_CAMERA, ScanPage
from kiosk.flow.state import AttractPage
from kiosk.i18n import LANGUAGES, Msg, default_strings
from kiosk.languages import derive
from kiosk.speech import NullSink, Speaker
from kiosk.speech.guide import VoiceGuide


class RecordingSpeaker(Speaker):
    """The real Speaker (NullSink) that also records each say_msg call and cut."""

    def __init__(self) -> None:
        super().__init__(sink=NullSink())
        self.calls: list[tuple[str, str, frozenset, bool]] = []

    def say_msg(self, msg, lang, personal=False, allow_personal=False, interrupt=True):
        self.calls.append((msg.key, lang, frozenset(personal or ()), interrupt))
        return super().say_msg(msg, lang, personal, allow_personal, interrupt)


@pytest.fixture
def guide():
    speaker = RecordingSpeaker()
    yield VoiceGuide(speaker)
    speaker.close()


def a_guide(ok: bool = True) -> GuidePage:
    return GuidePage(GuideView("S1", "户口迁移", Msg("x"), (), Availability(ok)))


def test_a_screen_change_cuts_and_a_confirmation_queues(guide):
    calls = guide.speaker.calls
    assert guide.show("attract", AttractPage(), "zh")
    assert guide.show("catalog", CatalogPage(), "zh")
    assert not guide.show("catalog", CatalogPage(query=""), "zh")  # same prompt: not again
    assert guide.show("guide", a_guide(), "zh")
    assert guide.show("printing", PrintPage("printing", Msg("print.printing")), "zh")
    assert guide.show("done", PrintPage("done", Msg("print.done")), "zh")
    assert [(key, interrupt) for key, _, _, interrupt in calls] == [
        ("voice.screen.attract", True), ("voice.screen.catalog", True),
        ("voice.screen.guide", True), ("print.printing", False), ("print.done", False)]


def test_a_new_language_or_a_search_speaks_again(guide):
    guide.show("catalog", CatalogPage(), "zh")
    guide.show("catalog", CatalogPage(), "en")
    guide.show("catalog", CatalogPage(query="户口", results=()), "en")
    assert [(k, lang) for k, lang, _, _ in guide.speaker.calls] == [
        ("voice.screen.catalog", "zh"), ("voice.screen.catalog", "en"),
        ("voice.catalog.results", "en")]


def test_pages_declare_prompts_and_mark_personal_params():
    assert screen_prompt("guide", a_guide(False)).msg.key == "voice.guide.not_here"
    code = Msg.of("scan.code.pickup", id="PK20240042", until="2026-12-01")
    read = screen_prompt("scan", ScanPage(QR_CAMERA, result=(code,), ok=True))
    assert read.personal == {"id", "until"} and read.confirm
    pdf = Msg.of("scan.doc.pdf_ready", pages=2, kb=80)
    assert screen_prompt("scan", ScanPage(DOCUMENT_CAMERA, result=(pdf,))).personal == set()
    assert screen_prompt("scan", ScanPage(QR_CAMERA, hint=Msg("scan.qr.hint"))).msg.key \
        == "scan.qr.hint"
    assert screen_prompt("scan", ScanPage(QR_CAMERA)).msg.key == "voice.screen.scan"
    assert screen_prompt("new_screen", object()) == ScreenPrompt(Msg("voice.screen.new_screen"))


def test_personal_params_are_withheld_when_spoken(guide, tmp_path):
    from kiosk.speech.speech_log import SpeechLog, read_log
    guide.speaker.log = SpeechLog(tmp_path / "s.jsonl")
    code = Msg.of("scan.code.pickup", id="PK20240042", until="2026-12-01")
    guide.show("scan", ScanPage(QR_CAMERA, result=(code,), ok=True), "en")
    guide.speaker.say("voice.screen.done", "en", interrupt=False).wait(10)
    (entry, _) = read_log(tmp_path / "s.jsonl")
    assert "PK20240042" not in entry["text"] and "***" in entry["text"]


def test_every_screen_of_every_journey_has_a_prompt_in_every_language():
    """The rule for new journeys: a screen without prompt() needs voice.screen.<name> strings."""
    from kiosk.core import build_core
    core = build_core()
    try:
        screens = ["attract", *core.flow._owner]
    finally:
        core.stop()
    strings = default_strings()
    missing = [s for s in screens if DEFAULT_KEY.format(screen=s) not in strings]
    assert not missing, f"screens without a spoken prompt (add voice.screen.<name>): {missing}"
    for key, texts in strings.items():
        if key.startswith("voice."):
            assert all((texts.get(lang) or derive(texts, lang) or "").strip()
                       for lang in LANGUAGES), key  # zh-Hant: converted from zh


def test_settings_step_within_bounds_mute_and_reset(guide):
    speaker = guide.speaker
    for _ in range(10):
        guide.louder()
        guide.faster()
    assert (speaker.volume, speaker.speed) == (200, 2.0)
    for _ in range(20):
        guide.softer()
        guide.slower()
    assert (speaker.volume, speaker.speed) == (20, 0.5)  # softer never silences: mute does
    guide.toggle_mute()
    assert speaker.volume == 0 and guide.volume_percent == 0
    guide.louder()  # louder unmutes
    assert not guide.muted and speaker.volume == 40
    guide.show("catalog", CatalogPage(), "zh")
    guide.show("attract", AttractPage(), "zh")  # the session ended: the next resident's voice
    assert (speaker.volume, speaker.speed, guide.muted) == (100, 1.0, False)


def test_an_overlay_speaks_over_the_screen_and_the_screen_is_spoken_again_after(guide):
    guide.show("catalog", CatalogPage(), "zh")
    guide.show("catalog", CatalogPage(), "zh", Msg("idle.title"))
    guide.show("catalog", CatalogPage(), "zh", Msg("idle.title"))  # the countdown ticks: once
    guide.show("catalog", CatalogPage(), "zh")
    assert [k for k, _, _, _ in guide.speaker.calls] == [
        "voice.screen.catalog", "idle.title", "voice.screen.catalog"]


def test_elder_mode_speaks_slower_than_the_chosen_speed(guide):
    guide.show("catalog", CatalogPage(), "zh", elder=True)
    assert guide.speaker.speed == pytest.approx(0.85)
    guide.faster()
    assert guide.speaker.speed == pytest.approx(1.25 * 0.85)
    assert guide.speed_percent == 125  # the panel shows the resident's own setting
    guide.show("catalog", CatalogPage(), "zh", elder=False)
    assert guide.speaker.speed == pytest.approx(1.25)
