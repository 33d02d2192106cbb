"""Benchmark: screen change (`Speaker.say`) to the first audio sample at the sink, vs bare synthesis.

Run: .venv/bin/python bench/bench_speech.py [--rounds 20]
Baseline: the engine's bare `synthesize` of the same spoken text, timed from the call to its first
PCM chunk, in the same run and interleaved with the Speaker measurements. Two Speaker cases:
idle (nothing playing) and interrupt (a long prompt is playing into a sink paced like a real
device, and the new screen's prompt must cut it). Prints median and p95 of each and the ratios.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.i18n import Translator  # noqa: E402
from kiosk.speech.engine import shared_engine  # noqa: E402
from kiosk.speech.sinks import NullSink  # noqa: E402
from kiosk.speech.speaker import Prompt, Speaker  # noqa: E402
from kiosk.speech.voices import load_voices  # noqa: E402

PROMPTS = [
    ("search.results", "zh", {"n": 12}),
    ("idle.body", "zh", {"seconds": 30}),
    ("catalog.avail.branch_closed", "zh", {"hours": "9:00-17:00", "next": "2026年12月1日 09:00"}),
    ("idle.title", "zh", {}),
    ("search.results", "en", {"n": 12}),
    ("idle.body", "en", {"seconds": 30}),
]
LONG = "请将身份证放在读卡区，然后按照屏幕提示逐项填写申请信息。" * 4


def p95(xs: list[float]) -> float:
    """95th percentile."""
    return sorted(xs)[max(0, int(round(0.95 * len(xs))) - 1)]


class FirstSampleSink(NullSink):
    """Notes when the first sample of each utterance arrives; optionally paced like a device."""

    def __init__(self, paced: bool = False) -> None:
        super().__init__()
        self.paced = paced
        self.first_at: float | None = None
        self.got_first = threading.Event()
        self.playing = threading.Event()
        self._stopped = threading.Event()

    def start(self, sample_rate: int) -> None:
        """A new utterance: the device is playing again."""
        self._stopped.clear()
        super().start(sample_rate)

    def stop(self) -> None:
        """Like killing aplay: a write blocked on the device returns at once."""
        super().stop()
        self._stopped.set()

    def arm(self) -> None:
        """Wait for the next utterance's first sample."""
        self.first_at = None
        self.got_first.clear()

    def write(self, pcm: bytes) -> None:
        """Stamp the first sample; when paced, hold the chunk for its playing time."""
        if self.first_at is None:
            self.first_at = time.perf_counter()
            self.got_first.set()
        self.playing.set()
        if self.paced:
            self._stopped.wait(len(pcm) / 2 / 22050)   # a device takes the chunk's duration


def bare_first_chunk(engine, text: str, voice: str, rate: int) -> float:
    """Seconds from the synthesis call to its first PCM chunk (then stop)."""
    t0 = time.perf_counter()
    first: list[float] = []

    def on_chunk(_pcm: bytes) -> bool:
        first.append(time.perf_counter())
        return False

    engine.synthesize(text, voice, on_chunk, rate=rate)
    return first[0] - t0


def main() -> None:
    """Interleave bare synthesis, idle say() and interrupting say(); print the comparison."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    engine = shared_engine()
    voices = load_voices()
    translator = Translator()
    table = dict(translator.strings)
    table["bench.long"] = {"zh": LONG, "en": LONG}
    sink = FirstSampleSink()
    speaker = Speaker(Translator(table), sink, engine=engine)
    paced = FirstSampleSink(paced=True)
    interrupting = Speaker(Translator(table), paced, engine=engine)
    bare, idle, interrupt = [], [], []
    try:
        for _ in range(args.rounds):
            for key, lang, params in PROMPTS:
                voice = voices[lang]
                text, _ = speaker.render(Prompt(key, lang, tuple(params.items())))
                bare.append(bare_first_chunk(engine, voice.spoken_form(text), voice.voice, voice.rate))

                sink.arm()
                t0 = time.perf_counter()
                done = speaker.say(key, lang, params)
                sink.got_first.wait(30)
                idle.append(sink.first_at - t0)
                speaker.cut()
                done.wait(30)

                paced.playing.clear()
                interrupting.say("bench.long", "zh")
                paced.playing.wait(30)
                paced.arm()
                t0 = time.perf_counter()
                done = interrupting.say(key, lang, params)   # the screen changes mid-prompt
                paced.got_first.wait(30)
                interrupt.append(paced.first_at - t0)
                interrupting.cut()
                done.wait(30)
    finally:
        speaker.close()
        interrupting.close()
    base_med = statistics.median(bare)
    print(f"espeak-ng {engine.info.version}, chunk {engine.info.chunk_ms} ms, "
          f"{len(bare)} prompts ({args.rounds} rounds x {len(PROMPTS)})")
    for name, xs in [("bare synthesis -> first chunk", bare), ("say() idle -> first sample", idle),
                     ("say() interrupting -> first sample", interrupt)]:
        print(f"{name:38s} median {statistics.median(xs) * 1000:7.2f} ms   "
              f"p95 {p95(xs) * 1000:7.2f} ms   ratio(median) {statistics.median(xs) / base_med:5.2f}"
              f"   ratio(p95) {p95(xs) / p95(bare):5.2f}")


if __name__ == "__main__":
    main()
