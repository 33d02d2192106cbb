"""UI speed: cold start to the attract screen's first frame, and touch to next screen (50 taps).

Each number is measured for the kiosk and for a bare two-screen Kivy app (the baseline) in the same
run, in fresh processes, offscreen on Mesa; the ratio is what to watch.
The camera preview is measured against the source camera's frame rate.
Targets: first frame < 3 s, screen change < 100 ms p95, preview >= 15 fps.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROBE = HERE / "ui_probe.py"
RUNS = 5
TAPS = 50


def run(*args: str) -> dict:
    out = subprocess.run([sys.executable, str(PROBE), *args], capture_output=True, text=True,
                         timeout=300, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def main() -> None:
    rows = []
    cold = {}
    for which in ("baseline", "kiosk"):
        cold[which] = [run(which, "coldstart", repr(time.time()))["first_frame_s"]
                       for _ in range(RUNS)]
    taps = {which: run(which, "taps", str(TAPS))["latencies_s"] for which in ("baseline", "kiosk")}
    for name, data in (("cold start to first frame (s)", cold),
                       ("touch to next screen (ms)", {k: [v * 1000 for v in vs]
                                                       for k, vs in taps.items()})):
        k, b = data["kiosk"], data["baseline"]
        rows.append((name, "median", statistics.median(k), statistics.median(b)))
        rows.append((name, "p95", p95(k), p95(b)))
    prev = run("kiosk", "preview", "30")
    rows.append(("camera preview (fps)", "mean", prev["preview_fps"], prev["source_fps"]))
    print(f"{'metric':32} {'stat':6} {'kiosk':>10} {'baseline':>10} {'ratio':>7}")
    for name, stat, k, b in rows:
        print(f"{name:32} {stat:6} {k:10.3f} {b:10.3f} {k / b:7.2f}")
    print(f"(cold start: {RUNS} runs each; taps: {TAPS} each; baseline = bare two-screen Kivy app;"
          " preview baseline = the camera's own frame rate, 1280x720 MJPG file source)")


if __name__ == "__main__":
    main()
