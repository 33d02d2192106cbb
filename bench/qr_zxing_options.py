"""Measure zxing-cpp's own options per condition on the tuning bursts (one core).

Usage: .venv/bin/python bench/qr_zxing_options.py [--seed 1] [--per 10]
Prints, per option set, the per-frame decode rate per condition and the median ms per frame.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import zxingcpp  # noqa: E402

from testkit.synth.qr_conditions import CONDITIONS, bursts  # noqa: E402

QR = zxingcpp.BarcodeFormat.QRCode
B = zxingcpp.Binarizer
OPTION_SETS = {
    "default": {},
    "no_rotate": {"try_rotate": False},
    "no_invert": {"try_invert": False},
    "no_downscale": {"try_downscale": False},
    "lean": {"try_rotate": False, "try_invert": False, "try_downscale": False},
    "global_hist": {"binarizer": B.GlobalHistogram},
    "fixed_thr": {"binarizer": B.FixedThreshold},
    "text_plain": {"text_mode": zxingcpp.TextMode.Plain},
    "is_pure": {"is_pure": True},
    "return_errors": {"return_errors": True},
}


def main(argv=None) -> int:
    """Decode every frame with each option set; print rates per condition and median time."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per", type=int, default=10)
    a = ap.parse_args(argv)
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    cv2.setNumThreads(1)
    data = bursts(a.seed, a.per)
    grays = [(b.condition, b.payload, cv2.cvtColor(f, cv2.COLOR_BGR2GRAY))
             for b in data for f in b.frames]
    print(f"{'options':14s} " + " ".join(f"{c[:9]:>9s}" for c in CONDITIONS) + "      all   ms")
    for name, kw in OPTION_SETS.items():
        ok = {c: [] for c in CONDITIONS}
        times = []
        for cond, payload, g in grays:
            t0 = time.perf_counter()
            res = zxingcpp.read_barcodes(g, formats=QR, **kw)
            times.append((time.perf_counter() - t0) * 1000)
            ok[cond].append(any(r.valid and bytes(r.bytes) == payload for r in res))
        rates = [np.mean(ok[c]) * 100 for c in CONDITIONS]
        allr = np.mean([v for c in CONDITIONS for v in ok[c]]) * 100
        print(f"{name:14s} " + " ".join(f"{r:9.1f}" for r in rates)
              + f" {allr:8.1f} {np.median(times):5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
