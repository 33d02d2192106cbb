"""QR decoding benchmark on one core: our pipeline vs zxing-cpp, pyzbar and OpenCV alone.

Usage: .venv/bin/python bench/bench_qr.py [--n 150] [--dev-seed 7] [--heldout-seed 4242]
The pipeline was developed on the dev seed; the held-out seed is only ever measured.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import zxingcpp  # noqa: E402
from pyzbar import pyzbar  # noqa: E402

from drivers.qr_camera.decode import QrDecoder, decode_bytes, to_gray  # noqa: E402
from testkit.synth.qr_synth import generate  # noqa: E402


def zxing_alone(img: np.ndarray) -> list[str]:
    """zxing-cpp with its defaults (QR only), raw bytes decoded as UTF-8 then GB18030."""
    return [decode_bytes(b.bytes) for b in
            zxingcpp.read_barcodes(to_gray(img), formats=zxingcpp.BarcodeFormat.QRCode)]


def pyzbar_alone(img: np.ndarray) -> list[str]:
    """pyzbar (ZBar) QR only, raw bytes decoded the same way."""
    return [decode_bytes(r.data) for r in
            pyzbar.decode(to_gray(img), symbols=[pyzbar.ZBarSymbol.QRCODE])]


_OCV = None


def opencv_alone(img: np.ndarray) -> list[str]:
    """OpenCV's QRCodeDetector (detect and decode, one code)."""
    global _OCV
    if _OCV is None:
        _OCV = cv2.QRCodeDetector()
    text, _, _ = _OCV.detectAndDecode(img)
    return [text] if text else []


def run(method, samples) -> tuple[float, float]:
    """Decode rate and median ms per frame."""
    ok, times = 0, []
    for s in samples:
        t0 = time.perf_counter()
        texts = method(s.image)
        times.append((time.perf_counter() - t0) * 1000.0)
        ok += s.text in texts
    return ok / len(samples), float(np.median(times))


def main(argv: list[str] | None = None) -> int:
    """Generate the sets, measure every method, print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--dev-seed", type=int, default=7)
    ap.add_argument("--heldout-seed", type=int, default=4242)
    args = ap.parse_args(argv)
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    cv2.setNumThreads(1)
    ours = QrDecoder()
    methods = [("ours", lambda img: [d.text for d in ours.decode(img)]), ("zxing-cpp", zxing_alone), ("pyzbar", pyzbar_alone),
               ("opencv", opencv_alone)]
    sets = [("easy (dev seed)", args.dev_seed, False), ("hard (dev seed)", args.dev_seed, True),
            ("easy (held-out)", args.heldout_seed, False),
            ("hard (held-out)", args.heldout_seed, True)]
    print(f"one core, {args.n} frames of 1280x720 per set, budget {ours.budget_ms:g} ms\n")
    print(f"{'set':18s} {'method':10s} {'decoded':>8s} {'vs zxing':>9s} {'median ms':>10s}"
          f" {'ms ratio':>9s}")
    for name, seed, hard in sets:
        samples = generate(args.n, seed, hard)
        results = {m: run(fn, samples) for m, fn in methods}
        base_rate, base_ms = results["zxing-cpp"]
        for m, _ in methods:
            rate, ms = results[m]
            print(f"{name:18s} {m:10s} {rate * 100:7.1f}% {(rate - base_rate) * 100:+8.1f}pp"
                  f" {ms:10.1f} {ms / base_ms if base_ms else float('nan'):8.1f}x")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
