"""Tap to next screen and tap to first audio sample in the real kiosk, now against an older commit.

`python bench/bench_tap_audio.py [--ref 05e6602] [--rounds 2] [--taps 30]` checks REF out into a
temporary git worktree and runs, interleaved round by round in fresh processes, the same taps as
bench/ui_probe.py (attract -> catalog -> guide -> back -> guide ...) in REF's kiosk and today's.
Per tap it records: touch to the frame showing the next screen, touch to the first sample the
speaker writes to its (silent) sink, and the CPU the tap cost the UI thread and the whole process
(llvmpipe rasterises on its own threads) until that frame. Medians and p95 per subject, and
now / REF ratios, since a loaded machine slows both alike. Needs the git history (not for CI).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE_TAP3 = "05e6602"  # main before the tap-latency work (issue 8)
FIELDS = ("frame_ms", "audio_ms", "ui_cpu_ms", "process_cpu_ms")


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def child(tree: Path, taps: int) -> dict:
    """Run in a fresh process with tree first on sys.path: time taps in that tree's kiosk."""
    sys.path.insert(0, str(tree / "bench"))
    sys.path.insert(0, str(tree))
    import ui_probe  # noqa: F401  (prepares Kivy's environment for an offscreen window)
    from kivy.base import EventLoop
    from kivy.core.window import Window
    from kivy.tests.common import UnitTestTouch
    app, current, target = ui_probe.kiosk_app()
    flips: list[float] = []
    first: list[float] = []
    Window.bind(on_flip=lambda *_: flips.append(time.perf_counter()))
    sink = app.voice.speaker.sink
    write = sink.write

    def stamped(pcm: bytes) -> None:
        if not first:
            first.append(time.perf_counter())
        write(pcm)

    sink.write = stamped
    app._run_prepare()
    while not flips:
        EventLoop.idle()
    settle = time.perf_counter() + 2.0
    while time.perf_counter() < settle:
        EventLoop.idle()
    out: dict[str, list[float]] = {k: [] for k in FIELDS}
    for _ in range(taps):
        before = current()
        widget = target()
        x, y = widget.to_window(*widget.center)
        flips.clear()
        first.clear()
        ui0, cpu0, t = time.thread_time(), time.process_time(), time.perf_counter()
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        touch.touch_up()
        while True:
            EventLoop.idle()
            now = current()
            if now is not None and now != before and flips:
                break
        out["frame_ms"].append((flips[-1] - t) * 1000)
        out["ui_cpu_ms"].append((time.thread_time() - ui0) * 1000)
        out["process_cpu_ms"].append((time.process_time() - cpu0) * 1000)
        deadline = time.perf_counter() + 5.0
        while not first and time.perf_counter() < deadline:
            EventLoop.idle()
        if first:
            out["audio_ms"].append((first[0] - t) * 1000)
        for _ in range(3):
            EventLoop.idle()
    app.voice.close()
    return out


def run_child(tree: Path, taps: int) -> dict:
    """One fresh process timing taps in tree's kiosk."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    res = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(tree),
                          "--taps", str(taps)], cwd=tree, env=env, capture_output=True,
                         text=True, timeout=600, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table (or, with --child, one subject's taps as JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default=BEFORE_TAP3)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--taps", type=int, default=30)
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        result = child(args.child, args.taps)
        print(json.dumps(result), flush=True)
        os._exit(0)  # the kiosk's device threads need not wind down for a measurement
    with tempfile.TemporaryDirectory(prefix="tap-ref-") as tmp:
        old = Path(tmp) / "ref"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.ref], cwd=ROOT,
                       check=True, capture_output=True)
        try:
            subjects = {f"kiosk@{args.ref}": old, "kiosk now": ROOT}
            res: dict[str, dict[str, list[float]]] = {k: {f: [] for f in FIELDS} for k in subjects}
            for _ in range(args.rounds):
                for name, tree in subjects.items():
                    for field, values in run_child(tree, args.taps).items():
                        res[name][field].extend(values)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT,
                           capture_output=True)
    print(f"{'subject':18} " + " ".join(f"{f + ' med/p95':>24}" for f in FIELDS))
    for name, r in res.items():
        print(f"{name:18} " + " ".join(f"{statistics.median(r[f]):11.1f} /{p95(r[f]):10.1f}"
                                       for f in FIELDS))
    now, then = res["kiosk now"], res[f"kiosk@{args.ref}"]
    print(f"now / {args.ref} (median, p95): " + ", ".join(
        f"{f} {statistics.median(now[f]) / statistics.median(then[f]):.2f} "
        f"{p95(now[f]) / p95(then[f]):.2f}" for f in FIELDS)
        + f"  ({args.rounds} rounds x {args.taps} taps, interleaved)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
