"""QR decoding per condition on frame bursts, one core: zxing-cpp alone vs old vs new pipeline.

Usage: .venv/bin/python bench/bench_qr_conditions.py [--per 10] [--seed 1] [--heldout SEED]
             [--wide [--only COND...]] [--nodeblur] [--ratio R] [--no-old]
The tuning sets are testkit/synth/qr_conditions.py and (--wide) testkit/synth/qr_wide.py (the
pipeline was tuned on seeds 1-2). --heldout measures
testkit/heldout/qr_frames.py (written by someone else; never used for tuning) instead.
Per condition: per-frame decode rate, per-burst rate (read in at least one frame of the burst),
1st@ (mean index of the first frame read, in bursts that were read), mean and median ms per frame,
and each method's mean time per frame over zxing-cpp's (t/zxing), all measured in the same run.
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

from drivers.qr_camera.burst import FrameDecoder  # noqa: E402
from drivers.qr_camera.decode import QrDecoder, decode_bytes  # noqa: E402


class ZxingAlone:
    """zxing-cpp with its default options, QR only, one frame at a time."""

    def reset(self) -> None:
        """Nothing to forget."""

    def feed(self, image: np.ndarray) -> list[tuple[bytes, str]]:
        """(raw bytes, text) of each code read in this frame."""
        return [(bytes(b.bytes), decode_bytes(bytes(b.bytes))) for b in zxingcpp.read_barcodes(
            image, formats=zxingcpp.BarcodeFormat.QRCode)]


class OldPipeline:
    """The previous decode.py pipeline (QrDecoder, 18 ms budget), frame by frame."""

    def __init__(self) -> None:
        self._dec = QrDecoder()

    def reset(self) -> None:
        """Stateless."""

    def feed(self, image: np.ndarray) -> list[tuple[bytes, str]]:
        """(raw bytes, text) of each code read in this frame."""
        return [(d.raw, d.text) for d in self._dec.decode(image)]


class NewPipeline:
    """FrameDecoder, reset at the start of each burst, fed every frame in order."""

    def __init__(self, **kw: object) -> None:
        self._dec = FrameDecoder(**kw)

    def reset(self) -> None:
        """A new burst: forget the tracked region."""
        self._dec.reset()

    def feed(self, image: np.ndarray) -> list[tuple[bytes, str]]:
        """(raw bytes, text) of each code read in this frame."""
        return [(d.raw, d.text) for d in self._dec.feed(image)]


def measure(methods: dict, bursts) -> dict[str, dict[str, dict[str, float]]]:
    """Per method and condition: frame rate, burst rate, mean and median ms per frame.

    Methods take turns burst by burst, so load from other processes hits them alike.
    """
    per: dict[str, dict[str, dict[str, list]]] = {m: {} for m in methods}
    for b in bursts:
        for m, method in methods.items():
            rec = per[m].setdefault(b.condition, {"frames": [], "bursts": [], "ms": [],
                                                  "first": []})
            method.reset()
            first = None
            for k, frame in enumerate(b.frames):
                t0 = time.perf_counter()
                read = method.feed(frame)
                rec["ms"].append((time.perf_counter() - t0) * 1000.0)
                hit = any(_matches(b.payload, raw, text) for raw, text in read)
                rec["frames"].append(hit)
                if hit and first is None:
                    first = k
            rec["bursts"].append(first is not None)
            if first is not None:
                rec["first"].append(first)
    return {m: {cond: _summary(rec) for cond, rec in conds.items()} for m, conds in per.items()}


def _matches(payload: bytes | str, raw: bytes, text: str) -> bool:
    """The ground truth may be given as bytes or as text."""
    return payload == raw if isinstance(payload, (bytes, bytearray)) else payload == text


def _summary(rec: dict[str, list]) -> dict[str, float]:
    return {"frame": float(np.mean(rec["frames"])), "burst": float(np.mean(rec["bursts"])),
            "mean_ms": float(np.mean(rec["ms"])), "median_ms": float(np.median(rec["ms"])),
            "n_frames": len(rec["frames"]), "n_bursts": len(rec["bursts"]),
            "total_ms": float(np.sum(rec["ms"])),
            "first": float(np.mean(rec["first"])) if rec["first"] else float("nan"),
            "n_first": len(rec["first"])}


def table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    """Text table: rows condition x method, plus an 'all' row per method."""
    lines = [f"{'condition':14s} {'method':7s} {'frames':>7s} {'bursts':>7s} {'1st@':>5s}"
             f" {'mean ms':>8s} {'med ms':>7s} {'t/zxing':>8s}"]
    conds = list(next(iter(results.values())))
    for cond in conds + ["all"]:
        base = _row(results["zxing"], cond)
        for m, res in results.items():
            r = _row(res, cond)
            lines.append(f"{cond:14s} {m:7s} {r['frame'] * 100:6.1f}% {r['burst'] * 100:6.1f}%"
                         f" {r['first']:5.2f} {r['mean_ms']:8.2f} {r['median_ms']:7.2f}"
                         f" {r['mean_ms'] / base['mean_ms']:7.2f}x")
        lines.append("")
    return "\n".join(lines)


def _row(res: dict[str, dict[str, float]], cond: str) -> dict[str, float]:
    if cond != "all":
        return res[cond]
    nf = sum(r["n_frames"] for r in res.values())
    nb = sum(r["n_bursts"] for r in res.values())
    return {"frame": sum(r["frame"] * r["n_frames"] for r in res.values()) / nf,
            "burst": sum(r["burst"] * r["n_bursts"] for r in res.values()) / nb,
            "mean_ms": sum(r["total_ms"] for r in res.values()) / nf,
            "median_ms": float("nan"),
            "first": sum(r["first"] * r["n_first"] for r in res.values() if r["n_first"])
            / max(1, sum(r["n_first"] for r in res.values()))}


def main(argv: list[str] | None = None) -> int:
    """Build the bursts, pin to one core, measure each method, print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--per", type=int, default=10, help="bursts per condition")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--heldout", type=int, default=None, metavar="SEED",
                    help="measure the held-out generator (testkit/heldout/qr_frames.py)")
    ap.add_argument("--no-old", action="store_true", help="skip the old (slow) pipeline")
    ap.add_argument("--wide", action="store_true",
                    help="the wider tuning conditions (testkit/synth/qr_wide.py) instead")
    ap.add_argument("--ratio", type=float, default=None,
                    help="FrameDecoder time_ratio (default: its own default)")
    ap.add_argument("--nodeblur", action="store_true",
                    help="also measure FrameDecoder without the deblur/refocus passes")
    ap.add_argument("--only", nargs="*", default=None, help="restrict the wide conditions")
    args = ap.parse_args(argv)
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    cv2.setNumThreads(1)
    if args.heldout is not None:
        from testkit.heldout.qr_frames import qr_bursts
        bursts = qr_bursts(args.heldout, args.per)
        label = f"held-out generator, seed {args.heldout}"
    elif args.wide:
        from testkit.synth import qr_wide
        bursts = qr_wide.bursts(args.seed, args.per,
                                conditions=tuple(args.only or qr_wide.CONDITIONS))
        label = f"wide tuning set (testkit/synth/qr_wide.py), seed {args.seed}"
    else:
        from testkit.synth.qr_conditions import bursts as tuning_bursts
        bursts = tuning_bursts(args.seed, args.per)
        label = f"tuning set (testkit/synth/qr_conditions.py), seed {args.seed}"
    methods = {"zxing": ZxingAlone(), "new": NewPipeline(**({} if args.ratio is None else {"time_ratio": args.ratio}))}
    if args.nodeblur:
        from drivers.qr_camera.burst import PASSES
        methods["nodeblr"] = NewPipeline(
            passes=tuple(p for p in PASSES if p not in ("deblur", "refocus")),
            **({} if args.ratio is None else {"time_ratio": args.ratio}))
    if not args.no_old:
        methods["old"] = OldPipeline()
    results = measure(methods, bursts)  # bursts may be a generator: counted from the results
    first = next(iter(results.values()))
    n = sum(r["n_frames"] for r in first.values())
    print(f"{label}: {sum(r['n_bursts'] for r in first.values())} bursts, {n} frames, one core\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
