"""The Speaker's cache of synthesised prompts with the real espeak-ng engine: a repeated prompt is
played from memory with the same audio, personal prompts never enter it, a cut prompt is not
stored, and the cache stays under its byte budget."""
from __future__ import annotations

import pytest

from kiosk.speech.audio_cache import AudioCache
from kiosk.speech.engine import shared_engine
from kiosk.speech.sinks import NullSink
from tests.speech.test_speaker import GUARD, PHONE, GatedSink, SpyEngine, make_speaker  # noqa: F401


def test_the_cache_drops_the_least_recently_used_prompt_over_its_budget():
    cache = AudioCache(max_bytes=100)
    assert cache.put("a", (b"x" * 40,)) and cache.put("b", (b"y" * 20, b"y" * 20))
    assert cache.get("a") == (b"x" * 40,)          # "a" is now the most recently used
    assert cache.put("c", (b"z" * 40,))
    assert "b" not in cache and "a" in cache and "c" in cache
    assert cache.size_bytes == 80 and len(cache) == 2
    assert not cache.put("huge", (b"h" * 101,))   # alone over the budget: not stored at all
    assert "huge" not in cache and cache.size_bytes == 80
    assert cache.put("a", (b"x" * 10,)) and cache.size_bytes == 50   # replaced, not added
    with pytest.raises(ValueError, match="max_bytes -1"):
        AudioCache(max_bytes=-1)


def test_a_repeated_prompt_is_played_from_the_cache_with_the_same_audio(make_speaker):
    spy = SpyEngine()
    sink = NullSink()
    captions = []
    speaker = make_speaker(engine=spy, sink=sink, on_spoken=lambda s: captions.append(s.text))
    for _ in range(3):
        assert speaker.say("search.results", "zh", {"n": 12}).wait(GUARD)
    assert len(spy.texts) == 1                      # synthesised once, then replayed
    assert sink.utterances[0] == sink.utterances[1] == sink.utterances[2]
    assert len(sink.utterances[0]) > 2 and captions == ["找到 12 项"] * 3
    assert speaker.audio_cache.hits == 2

    speaker.set_volume(40)                          # other settings: other audio
    assert speaker.say("search.results", "zh", {"n": 12}).wait(GUARD)
    speaker.set_speed(0.5)
    assert speaker.say("search.results", "zh", {"n": 12}).wait(GUARD)
    assert len(spy.texts) == 3 and len(speaker.audio_cache) == 3
    assert sink.utterances[3] != sink.utterances[0]


def test_prompts_with_personal_parameters_never_enter_the_cache(make_speaker):
    spy = SpyEngine()
    speaker = make_speaker(engine=spy)
    for _ in range(2):
        assert speaker.say("catalog.guide.enquiry", "zh", {"phone": PHONE},
                           personal=["phone"], allow_personal=True).wait(GUARD)
        assert speaker.say("catalog.guide.enquiry", "en", {"phone": PHONE},
                           personal=True).wait(GUARD)   # withheld, still not stored
    assert len(spy.texts) == 4                      # every one synthesised afresh
    assert len(speaker.audio_cache) == 0 and speaker.audio_cache.size_bytes == 0


def test_a_cut_prompt_is_not_stored_and_a_cached_one_still_stops_within_a_chunk(make_speaker):
    sink = GatedSink(gate_at=3)
    speaker = make_speaker(sink=sink)
    done = speaker.say("long", "zh")
    assert sink.entered.wait(GUARD)
    speaker.cut()
    sink.release.set()
    assert done.wait(GUARD)
    assert len(speaker.audio_cache) == 0            # only part of it was made: never replayed

    speaker.sink = NullSink()
    assert speaker.say("long", "zh").wait(GUARD)    # whole: stored
    assert len(speaker.audio_cache) == 1
    whole = len(speaker.sink.utterances[0])
    gated = GatedSink(gate_at=3)
    speaker.sink = gated
    done = speaker.say("long", "zh")                # from the cache this time
    assert gated.entered.wait(GUARD)
    speaker.cut()
    at_cut = gated.writes
    gated.release.set()
    assert done.wait(GUARD)
    assert gated.writes - at_cut <= 1 and gated.writes < whole
    assert speaker.audio_cache.hits >= 1
    assert shared_engine().phonemes("Please", "en-us") == "pl'i:z"
