"""The Speaker service with the real espeak-ng engine: worker thread, cut-off, repeat, settings,
personal data and the speech log. Only the audio device is replaced (NullSink / gated sinks)."""
from __future__ import annotations

import array
import logging
import threading
from datetime import datetime

import pytest

from kiosk.i18n import Translator, default_strings
from kiosk.speech.engine import shared_engine
from kiosk.speech.sinks import NullSink
from kiosk.speech.speaker import Speaker
from kiosk.speech.speech_log import read_log

GUARD = 30  # seconds: a deadlock guard only, never a timing assertion
PHONE = "13912345678"
LONG_ZH = ("请将身份证放在读卡区，然后按照屏幕提示逐项填写申请信息。"
           "如果需要帮助，请按帮助键或者到人工服务窗口咨询工作人员。") * 3


def strings(**extra: dict[str, str]) -> dict:
    table = dict(default_strings())
    table.update(extra)
    return table


class GatedSink(NullSink):
    """Records like NullSink, but blocks inside write number `gate_at` until released."""

    def __init__(self, gate_at: int = 1) -> None:
        super().__init__()
        self.gate_at = gate_at
        self.writes = 0
        self.entered = threading.Event()
        self.release = threading.Event()
        self.completed_writes = 0

    def write(self, pcm: bytes) -> None:
        self.writes += 1
        super().write(pcm)
        if self.writes == self.gate_at:
            self.entered.set()
            assert self.release.wait(GUARD)
        self.completed_writes += 1


class SpyEngine:
    """The real shared engine, recording every text it is asked to synthesise."""

    def __init__(self) -> None:
        self.real = shared_engine()
        self.texts: list[str] = []

    @property
    def sample_rate(self) -> int:
        return self.real.sample_rate

    def synthesize(self, text, voice, on_chunk, rate=175, volume=100):
        self.texts.append(text)
        return self.real.synthesize(text, voice, on_chunk, rate, volume)


@pytest.fixture
def make_speaker():
    made: list[Speaker] = []

    def make(**kwargs) -> Speaker:
        kwargs.setdefault("translator", Translator(strings(long={"zh": LONG_ZH, "en": "long"})))
        kwargs.setdefault("sink", NullSink())
        kwargs.setdefault("engine", shared_engine())
        speaker = Speaker(**kwargs)
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.close()


def test_say_returns_while_the_worker_is_blocked_in_playback(make_speaker):
    sink = GatedSink(gate_at=1)
    speaker = make_speaker(sink=sink)
    returned = threading.Event()

    def caller():
        speaker.say("idle.title", "zh")
        speaker.say("search.results", "zh", {"n": 3}, interrupt=False)
        returned.set()

    threading.Thread(target=caller, daemon=True).start()
    assert sink.entered.wait(GUARD)           # the worker is inside the sink, blocked
    assert returned.wait(GUARD)               # ... and both say() calls came back anyway
    assert sink.completed_writes == 0         # no audio had finished playing when they returned
    sink.release.set()


def test_prompts_play_in_order_and_the_caption_is_published(make_speaker):
    captions = []
    sink = NullSink()
    speaker = make_speaker(sink=sink, on_spoken=lambda s: captions.append(s.text))
    speaker.say("search.results", "zh", {"n": 3})
    done = speaker.say("search.results", "en", {"n": 4}, interrupt=False)
    assert done.wait(GUARD)
    assert captions == ["找到 3 项", "4 found"]
    assert len(sink.utterances) == 2 and all(len(u) > 2 for u in sink.utterances)
    assert sink.sample_rate == 22050


def test_cut_stops_a_long_prompt_within_one_chunk(make_speaker):
    full = []
    shared_engine().synthesize(LONG_ZH, "cmn", lambda c: full.append(c) is None, rate=165)
    assert len(full) > 40  # the whole prompt is many chunks, so stopping early is visible

    sink = GatedSink(gate_at=3)
    speaker = make_speaker(sink=sink)
    done = speaker.say("long", "zh")
    assert sink.entered.wait(GUARD)
    speaker.cut()
    at_cut = sink.writes
    sink.release.set()
    assert done.wait(GUARD)
    assert sink.writes - at_cut <= 1
    assert sink.stops >= 1
    # an aborted utterance leaves no state behind (espeak-ng would spell "Please" as letters)
    assert shared_engine().phonemes("Please", "en-us") == "pl'i:z"


def test_a_new_screen_prompt_cuts_the_current_one(make_speaker):
    sink = GatedSink(gate_at=2)
    captions = []
    speaker = make_speaker(sink=sink, on_spoken=lambda s: captions.append(s.prompt.key))
    speaker.say("long", "zh")
    assert sink.entered.wait(GUARD)
    queued = speaker.say("search.results", "zh", {"n": 5}, interrupt=False)
    done = speaker.say("idle.title", "zh")   # the screen changed
    assert queued.is_set()                    # the queued prompt was dropped, not spoken later
    sink.release.set()
    assert done.wait(GUARD)
    assert captions == ["long", "idle.title"]
    assert len(sink.utterances[0]) == 2       # the long prompt stopped in its gated chunk
    assert len(sink.utterances[1]) > 2


def test_repeat_says_the_last_prompt_again(make_speaker, tmp_path):
    log_path = tmp_path / "speech.jsonl"
    speaker = make_speaker(speech_log=log_path)
    assert speaker.repeat() is None
    assert speaker.say("search.results", "en", {"n": 7}).wait(GUARD)
    assert speaker.repeat().wait(GUARD)
    assert [e["text"] for e in read_log(log_path)] == ["7 found", "7 found"]


def _peak(pcm: bytes) -> int:
    return max(abs(v) for v in array.array("h", pcm))


def test_speed_and_volume_change_the_audio(make_speaker):
    sink = NullSink()
    speaker = make_speaker(sink=sink)
    results = {}
    for speed, volume in [(1.0, 100), (0.5, 100), (1.0, 30)]:
        speaker.set_speed(speed)
        speaker.set_volume(volume)
        assert speaker.say("search.results", "zh", {"n": 12}).wait(GUARD)
        results[(speed, volume)] = sink.samples()
    assert len(results[(0.5, 100)]) > 1.5 * len(results[(1.0, 100)])
    assert _peak(results[(1.0, 30)]) < 0.6 * _peak(results[(1.0, 100)])


def test_bad_settings_and_languages_are_refused_with_a_reason(make_speaker):
    speaker = make_speaker()
    with pytest.raises(ValueError, match="speed 3"):
        speaker.set_speed(3)
    with pytest.raises(ValueError, match="volume -1"):
        speaker.set_volume(-1)
    with pytest.raises(ValueError, match="no voice for language 'fr'"):
        speaker.say("idle.title", "fr")
    with pytest.raises(ValueError, match="not given"):
        speaker.say("search.results", "zh", {"n": 1}, personal=["phone"])
    assert speaker.volume == 100 and speaker.speed == 1.0


def test_personal_values_are_not_spoken_or_logged(make_speaker, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    spy = SpyEngine()
    log_path = tmp_path / "speech.jsonl"
    captions = []
    speaker = make_speaker(engine=spy, speech_log=log_path, on_spoken=lambda s: captions.append(s))
    assert speaker.say("catalog.guide.enquiry", "zh", {"phone": PHONE}, personal=True).wait(GUARD)
    assert speaker.say("catalog.guide.enquiry", "en", {"phone": PHONE},
                       personal=["phone"]).wait(GUARD)
    spoken = " ".join(spy.texts)
    assert "个人信息不朗读" in spy.texts[0] and "not read aloud" in spy.texts[1]
    assert PHONE not in spoken.replace(" ", "")
    assert PHONE not in repr(captions)        # a stray log of the prompt object masks it too

    # the resident asked for the read-back (headphones): spoken, but still masked in the log
    assert speaker.say("catalog.guide.enquiry", "zh", {"phone": PHONE}, personal=["phone"],
                       allow_personal=True).wait(GUARD)
    assert PHONE in spy.texts[2].replace(" ", "")
    logged = log_path.read_text(encoding="utf-8")
    assert PHONE not in logged and "***" in logged
    assert PHONE not in caplog.text


def test_speech_log_format(make_speaker, tmp_path):
    log_path = tmp_path / "logs" / "speech.jsonl"
    speaker = make_speaker(speech_log=log_path)
    assert speaker.say("search.results", "zh", {"n": 3}).wait(GUARD)
    assert speaker.say("idle.title", "en").wait(GUARD)
    lines = log_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert "找到 3 项" in lines[0]                 # readable UTF-8, not \\u escapes
    entries = read_log(log_path)
    assert [sorted(e) for e in entries] == [["key", "lang", "text", "time"]] * 2
    assert [(e["lang"], e["key"]) for e in entries] == [("zh", "search.results"), ("en", "idle.title")]
    assert entries[1]["text"] == Translator().t("idle.title", "en")
    stamps = [datetime.fromisoformat(e["time"]) for e in entries]
    assert all(s.utcoffset().total_seconds() == 0 for s in stamps) and stamps[0] <= stamps[1]


def test_a_failing_sink_does_not_stop_the_worker(make_speaker):
    class BrokenSink(NullSink):
        def write(self, pcm):
            raise OSError("device unplugged")

    speaker = make_speaker(sink=BrokenSink())
    assert speaker.say("idle.title", "zh").wait(GUARD)
    speaker.sink = NullSink()
    assert speaker.say("idle.title", "zh").wait(GUARD)
    assert speaker.sink.chunk_count() > 0


def test_an_error_in_the_sink_aborts_synthesis_and_reaches_the_caller():
    engine = shared_engine()
    calls = []

    def failing(pcm):
        calls.append(len(pcm))
        raise OSError("device unplugged")

    with pytest.raises(OSError, match="unplugged"):
        engine.synthesize(LONG_ZH, "cmn", failing)
    assert len(calls) == 1
    assert engine.phonemes("Please", "en-us") == "pl'i:z"   # the engine is usable afterwards


def test_warm_up_loads_the_engine_on_the_worker():
    speaker = Speaker(sink=NullSink())          # no engine given: loaded lazily
    try:
        assert speaker._engine is None
        assert speaker.warm_up().wait(GUARD)
        assert speaker._engine is shared_engine()
    finally:
        speaker.close()


def test_say_msg_speaks_a_core_message_with_localized_params(make_speaker):
    from kiosk.i18n import Localized, Msg
    captions = []
    speaker = make_speaker(on_spoken=lambda s: captions.append(s.text))
    msg = Msg.of("device.blocked.missing", device=Localized.of({"zh": "打印机", "en": "printer"}))
    assert speaker.say_msg(msg, "en").wait(GUARD)
    assert speaker.say_msg(msg, "zh", interrupt=False).wait(GUARD)
    assert captions == ["printer: this kiosk has none.", "本机没有打印机。"]  # assets/i18n/ui.json
