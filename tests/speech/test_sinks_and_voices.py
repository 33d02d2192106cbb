"""Audio sinks (WAV file, ALSA through aplay, soft failure without a device) and the voice table."""
from __future__ import annotations

import json
import shutil
import wave

import pytest

from kiosk.speech.engine import shared_engine
from kiosk.speech.sinks import NO_AUDIO_DEVICE, STATUS_OK, STATUS_UNKNOWN, AplaySink, WavFileSink
from kiosk.speech.speaker import Speaker
from kiosk.speech.voices import VoiceTableError, load_voices, parse_voices

GUARD = 30
needs_aplay = pytest.mark.skipif(shutil.which("aplay") is None, reason="alsa-utils not installed")


def test_wav_file_sink_writes_a_playable_file(tmp_path):
    path = tmp_path / "prompts.wav"
    speaker = Speaker(sink=WavFileSink(path), engine=shared_engine())
    assert speaker.say("search.results", "zh", {"n": 3}).wait(GUARD)
    assert speaker.say("search.results", "en", {"n": 3}, interrupt=False).wait(GUARD)
    speaker.close()
    bare = shared_engine().synthesize_all("找到 3 项", "cmn", rate=165)
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
        frames = wav.getnframes()
    assert frames > len(bare) // 2          # both prompts are in the file, not only the first


def test_wav_file_sink_refuses_a_second_sample_rate(tmp_path):
    sink = WavFileSink(tmp_path / "x.wav")
    sink.start(22050)
    with pytest.raises(ValueError, match="sample rate changed from 22050 to 16000"):
        sink.start(16000)
    sink.close()


@needs_aplay
def test_aplay_sink_plays_through_alsa_null_device():
    sink = AplaySink(device="null")
    assert sink.status == STATUS_OK
    speaker = Speaker(sink=sink, engine=shared_engine())
    assert speaker.say("search.results", "en", {"n": 2}).wait(GUARD)
    assert speaker.audio_status == STATUS_OK
    assert sink.last_exit == 0               # aplay took the whole prompt and exited cleanly
    speaker.close()


@needs_aplay
def test_aplay_sink_without_a_device_fails_soft():
    sink = AplaySink(device="hw:97,0")
    assert sink.status.startswith(NO_AUDIO_DEVICE), sink.status
    speaker = Speaker(sink=sink, engine=shared_engine())
    captions = []
    speaker.on_spoken = captions.append
    assert speaker.say("idle.title", "zh").wait(GUARD)   # no exception, the caption still shows
    assert len(captions) == 1 and speaker.audio_status.startswith(NO_AUDIO_DEVICE)
    speaker.close()


def test_aplay_missing_is_reported(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    assert AplaySink().status == f"{NO_AUDIO_DEVICE}: aplay is not installed (apt-get install alsa-utils)"


def test_shipped_voice_table_has_every_ui_language_and_the_voices_exist():
    from kiosk.i18n import LANGUAGES
    voices = load_voices()
    assert set(LANGUAGES) <= set(voices)
    for voice in voices.values():
        pcm = shared_engine().synthesize_all("1", voice.voice, rate=voice.rate)
        assert len(pcm) > 1000, voice


@pytest.mark.parametrize("table,message", [
    ({}, "non-empty object"),
    ({"zh": {"rate": 160}}, "needs a \"voice\" string"),
    ({"zh": {"voice": "cmn", "rate": 20}}, "rate 20 is not 80..450"),
    ({"zh": {"voice": "cmn", "read_digits_from": -1}}, "read_digits_from must be >= 0"),
])
def test_bad_voice_tables_are_refused_with_a_reason(table, message):
    with pytest.raises(VoiceTableError, match=message):
        parse_voices(table)


def test_unreadable_voice_table(tmp_path):
    path = tmp_path / "voices.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(VoiceTableError, match="cannot read the voice table"):
        load_voices(path)
    path.write_text(json.dumps({"yue": {"voice": "yue"}}), encoding="utf-8")
    assert load_voices(path)["yue"].voice == "yue"


@needs_aplay
def test_create_speaker_runs_without_a_sound_card(tmp_path):
    from kiosk.speech import create_speaker
    log_path = tmp_path / "speech.jsonl"
    speaker = create_speaker(speech_log=log_path, audio_device="hw:97,0")
    assert speaker.audio_status in (STATUS_UNKNOWN,) or speaker.audio_status.startswith(NO_AUDIO_DEVICE)
    try:
        assert speaker.say("idle.title", "en").wait(GUARD)
    finally:
        speaker.close()
    assert speaker.audio_status.startswith(NO_AUDIO_DEVICE)
    assert '"key": "idle.title"' in log_path.read_text(encoding="utf-8")


@needs_aplay
def test_an_unprobed_aplay_sink_probes_on_first_use():
    sink = AplaySink(device="null", probe_now=False)
    assert sink.status == STATUS_UNKNOWN
    sink.start(22050)
    assert sink.status == STATUS_OK
    sink.write(b"\0\0" * 2205)
    sink.finish()
    assert sink.last_exit == 0
