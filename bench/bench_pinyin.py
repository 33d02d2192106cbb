"""Benchmark: pinyin candidate latency per keystroke through PinyinSession vs the engine's bare lookup.

Run: .venv/bin/python bench/bench_pinyin.py [--rounds 30] [--engines]
Each keystroke types one letter and fetches the first candidate page (8 texts), as the candidate bar
does. "kiosk path" sends the form's PressKey intent through the real FlowHost and apply journey
(InputStep -> PinyinSession -> candidates the kiosk font can draw -> the new FormPage), i.e. all the
work a keystroke does on the UI thread before Kivy draws. Baseline, same run: the bare decoder call on the same prefix (im_search + 8 × im_get_candidate)
without the session's lock, state and replay logic. A third line measures the worst case, two
sessions interleaving keystrokes so each keystroke replays the other's state.
--engines also compares the candidate engines: cold open time (fresh process), per-keystroke latency
and top-1 quality on names and addresses for libgooglepinyin0 and PyPI pinyinIME 0.2.0.
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

from kiosk.input.googlepinyin import ENGINE  # noqa: E402
from kiosk.input.pinyin import PinyinSession  # noqa: E402

# Names and addresses as a resident types them, with the reading expected first.
SAMPLES = [("beijingshichaoyangqu", "北京市朝阳区"), ("shanghaishipudongxinqu", "上海市浦东新区"),
           ("zhongguancundajie", "中关村大街"), ("guangzhoushitianhequ", "广州市天河区"),
           ("zhangsan", "张三"), ("wangxiaoming", "王小明"), ("liuyang", "刘洋"),
           ("jianguomenwaidajie", "建国门外大街"), ("renminlu", "人民路"), ("chenjing", "陈静")]


def stats(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile in microseconds."""
    ordered = sorted(samples)
    return statistics.median(ordered) * 1e6, ordered[int(0.95 * (len(ordered) - 1))] * 1e6


def bare(rounds: int, cap: int = 99) -> list[float]:
    out = []
    for _ in range(rounds):
        for letters, _ in SAMPLES:
            for i in range(1, min(len(letters), cap) + 1):
                t0 = time.perf_counter()
                ENGINE.search(letters[:i])
                ENGINE.candidates(0, 8)
                out.append(time.perf_counter() - t0)
    ENGINE.owner = None
    return out


def session(rounds: int) -> list[float]:
    s, out = PinyinSession(), []
    for _ in range(rounds):
        for letters, _ in SAMPLES:
            s.reset()
            for ch in letters:
                t0 = time.perf_counter()
                s.type(ch)
                s.candidates(0)
                out.append(time.perf_counter() - t0)
    s.reset()
    return out


def kiosk_path(rounds: int) -> list[float]:
    """Per keystroke: host.dispatch(PressKey) until the form page with the new candidates is set."""
    from kiosk.core import build_core
    from kiosk.flow.apply.case import ApplyCase
    from kiosk.flow.apply.input_intents import PressKey
    from kiosk.flow.journeys import build_flow
    from screens.font_cover import font_covers
    from testkit.fake_hub import FakeDeviceHub
    from testkit.inline_executor import InlineExecutor

    content = build_core(start_devices=False).content
    host = build_flow(content, FakeDeviceHub(), idle_timeout_s=900, idle_warning_s=30,
                      executor=InlineExecutor())
    journey = next(j for j in host.journeys if j.name == "apply")
    journey.input.can_show = font_covers
    journey.case = ApplyCase("HRSS-001")
    with host.lock:
        journey.form.open(journey.case)  # the form, "period" (a pinyin field) focused
    out = []
    for _ in range(rounds):
        for letters, _ in SAMPLES:
            host.dispatch(PressKey("", "clear"))
            for ch in letters[:16]:  # the kiosk composes at most 16 letters (input_step.SAFE_LETTERS)
                t0 = time.perf_counter()
                host.dispatch(PressKey(ch))
                page = host.state.page.input
                out.append(time.perf_counter() - t0)
                assert page.preedit and page.candidates, (letters, ch)
    host.dispatch(PressKey("", "clear"))
    journey.reset()
    return out


def interleaved(rounds: int) -> list[float]:
    a, b, out = PinyinSession(), PinyinSession(), []
    b.type("zhang")
    b.choose(1)
    for _ in range(rounds):
        for letters, _ in SAMPLES:
            a.reset()
            for ch in letters:
                b.candidates(0)  # the other session takes the decoder back every time
                t0 = time.perf_counter()
                a.type(ch)
                a.candidates(0)
                out.append(time.perf_counter() - t0)
    return out


ENGINE_PROBE = r"""
import json, statistics, sys, time
which, samples = sys.argv[1], json.loads(sys.argv[2])
t0 = time.perf_counter()
if which == "googlepinyin":
    sys.path.insert(0, sys.argv[3])
    from kiosk.input.googlepinyin import ENGINE
    ENGINE.open()
    def top(prefix):
        ENGINE.search(prefix)
        return ENGINE.candidates(0, 8)
else:
    from pinyinIME.engine import PinyinEngine
    engine = PinyinEngine()
    def top(prefix):
        return [c["word"] for c in engine.query(prefix, 0, 8)["candidates"]]
opened = time.perf_counter() - t0
lat, hits, misses = [], 0, []
for letters, expected in samples:
    for i in range(1, len(letters) + 1):
        t = time.perf_counter(); cands = top(letters[:i]); lat.append(time.perf_counter() - t)
    if cands and cands[0] == expected:
        hits += 1
    else:
        misses.append(f"{letters}->{cands[0] if cands else '-'}")
lat.sort()
print(json.dumps({"open_ms": opened * 1000, "median_us": statistics.median(lat) * 1e6,
                  "p95_us": lat[int(0.95 * (len(lat) - 1))] * 1e6, "top1": hits, "of": len(samples), "misses": misses}))
"""


def compare_engines() -> None:
    for which in ("googlepinyin", "pinyinIME"):
        proc = subprocess.run([sys.executable, "-c", ENGINE_PROBE, which, json.dumps(SAMPLES), str(ROOT)],
                              capture_output=True, text=True, timeout=300)
        if proc.returncode:
            print(f"{which:13s} unavailable: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{which:13s} open {r['open_ms']:8.1f} ms   keystroke median {r['median_us']:8.1f} us"
              f"  p95 {r['p95_us']:9.1f} us   top-1 {r['top1']}/{r['of']}  misses: {' '.join(r['misses'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--engines", action="store_true", help="also compare googlepinyin and pinyinIME")
    args = parser.parse_args()
    ENGINE.open()
    bare(3), session(3)  # warm caches
    kiosk_path(1)  # warm up the catalog and the font's character table
    base, sess, inter = bare(args.rounds), session(args.rounds), interleaved(max(args.rounds // 3, 1))
    kiosk, base16 = kiosk_path(args.rounds), bare(args.rounds, cap=16)
    bm, bp = stats(base)
    print(f"keystrokes: {len(base)} per run, {len(SAMPLES)} names/addresses")
    print(f"bare engine (baseline)    median {bm:7.1f} us  p95 {stats(base)[1]:7.1f} us")
    for label, data in (("PinyinSession", sess), ("two sessions interleaved", inter),
                        ("kiosk path (intent->page)", kiosk)):
        m, p = stats(data)
        print(f"{label:25s} median {m:7.1f} us  p95 {p:7.1f} us   ratio vs bare: median {m / bm:.2f}x"
              f"  p95 {p / bp:.2f}x")
    m, p = stats(kiosk)
    b16m, b16p = stats(base16)
    print(f"kiosk path vs bare engine on the same <=16-letter prefixes (bare median {b16m:.1f} us, "
          f"p95 {b16p:.1f} us): median {m / b16m:.2f}x  p95 {p / b16p:.2f}x")
    if args.engines:
        compare_engines()


if __name__ == "__main__":
    main()
