"""Choosing the TTS: espeak-ng 1.52 (PyPI espeakng-loader) vs Debian 12's espeak-ng 1.51.

Run: .venv/bin/python bench/bench_speech_engines.py [--rounds 5]
Each engine is loaded through the same ctypes wrapper in its own process (both libraries have the
soname libespeak-ng.so.1 and global state). Correctness: the Mandarin test prompts
(tests/speech/test_mandarin_digits.py) are synthesised with a phoneme trace, checked for English digit
names. Speed: full synthesis of the same spoken texts, median and p95, as a real-time factor
(synthesis time / audio duration); the ratio is 1.52 / 1.51 in the same run.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEBIAN = ("/usr/lib/x86_64-linux-gnu/libespeak-ng.so.1", "/usr/lib/x86_64-linux-gnu/espeak-ng-data")


def p95(xs: list[float]) -> float:
    """95th percentile."""
    return sorted(xs)[max(0, int(round(0.95 * len(xs))) - 1)]


def measure(which: str, rounds: int) -> dict:
    """Run in the child process: correctness and speed of one engine."""
    from kiosk.i18n import Translator
    from kiosk.speech.digit_check import english_digit_phonemes, english_digits_in
    from kiosk.speech.engine import EspeakEngine
    from kiosk.speech.voices import load_voices
    from testkit.speech_prompts import ZH_PROMPTS

    engine = EspeakEngine(*DEBIAN) if which == "debian" else EspeakEngine()
    english = english_digit_phonemes(engine)
    voice = load_voices()["zh"]
    tr = Translator()
    texts = [voice.spoken_form(tr.t(key, "zh", **params)) for key, params in ZH_PROMPTS]
    faults = {}
    for text in texts:
        found = english_digits_in(engine.synthesize_traced(text, voice.voice, voice.rate)[1], english)
        if found:
            faults[text] = found
    rtf, seconds = [], []
    for _ in range(rounds):
        for text in texts:
            t0 = time.perf_counter()
            pcm = engine.synthesize_all(text, voice.voice, rate=voice.rate)
            took = time.perf_counter() - t0
            seconds.append(took)
            rtf.append(took / (len(pcm) / 2 / engine.sample_rate))
    return {"version": engine.info.version, "prompts": len(texts), "faulty": len(faults),
            "example": next(iter(faults.items()), None),
            "synth_ms_median": statistics.median(seconds) * 1000, "synth_ms_p95": p95(seconds) * 1000,
            "rtf_median": statistics.median(rtf), "rtf_p95": p95(rtf)}


def main() -> None:
    """Measure both engines in child processes and print the comparison."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--child", choices=["bundled", "debian"])
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.rounds), ensure_ascii=False))
        return
    results = {}
    for which in ("debian", "bundled"):
        out = subprocess.run([sys.executable, __file__, "--child", which, "--rounds", str(args.rounds)],
                             capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            print(f"{which}: failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        results[which] = json.loads(out.stdout)
    for which, r in results.items():
        print(f"{which:8s} espeak-ng {r['version']:7s} English digit names in {r['faulty']}/{r['prompts']} "
              f"Mandarin prompts; synthesis median {r['synth_ms_median']:.1f} ms p95 "
              f"{r['synth_ms_p95']:.1f} ms; real-time factor median {r['rtf_median']:.4f}")
        if r["example"]:
            print(f"         e.g. {r['example'][0]!r} -> {r['example'][1]}")
    if len(results) == 2:
        b, d = results["bundled"], results["debian"]
        print(f"ratio 1.52/1.51: synthesis median {b['synth_ms_median'] / d['synth_ms_median']:.2f}, "
              f"real-time factor median {b['rtf_median'] / d['rtf_median']:.2f}")


if __name__ == "__main__":
    main()
