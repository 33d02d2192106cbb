"""Page-outline benchmark on one core: mean Jaccard index and ms/frame, ours vs classic Canny.

Run: .venv/bin/python bench/bench_documents.py [--per-background N] [--seed S] [--variations N] [--empty N]
                                               [--conditions N] [--wide N] [--heldout N]
Seeds start at 100000 by default, away from the seeds used while developing the detector.
--conditions N adds a per-condition table over the real-desk tuning set (doc_conditions.py: light
desks, fingers, glare, shadows, small ID cards, certificates, textured desks), N photos each;
--wide N the same over the widened tuning set (doc_wide.py: small cards, tinted light desks,
steep tilt, body shadows, lamp glare, hands, bowed pages); --heldout N the same table over the held-out generator testkit.heldout.doc_photos (written by
someone else, never used for tuning), N photos per condition. Both tables show the classic scanner
measured in the same run and the per-frame time ratio.
--variations N adds a table over generator settings the detector was not developed on (smaller
pages, steeper angles, dim/bright light, low JPEG quality, defocus), N photos per background each;
--empty N counts outlines reported on N bare desks per background (should be none).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from testkit.synth.doc_synth import (BACKGROUNDS, HELD_OUT_BACKGROUNDS, Variation, empty_desk,  # noqa: E402
                       make_sample)
from drivers.document_camera.classic import detect_classic  # noqa: E402
from drivers.document_camera.detect import detect  # noqa: E402
from drivers.document_camera.geometry import polygon_iou  # noqa: E402


def _timed(fn, image):
    t0 = time.perf_counter()
    out = fn(image)
    return out, (time.perf_counter() - t0) * 1000.0


VARIATIONS = {
    "small pages": Variation(size=0.6),
    "steep angles": Variation(max_angle=60.0),
    "dim light": Variation(gain=0.55),
    "bright light": Variation(gain=1.2),
    "JPEG q25": Variation(jpeg=25),
    "defocus 2.5px": Variation(blur=2.5),
}


def _run(samples) -> np.ndarray:
    """Rows of (IoU ours, ms ours, IoU classic, ms classic) over the samples."""
    acc = []
    for s in samples:
        d, ms = _timed(detect, s.image)
        c, ms_c = _timed(detect_classic, s.image)
        acc.append((polygon_iou(d.corners, s.corners) if d else 0.0, ms,
                    polygon_iou(c, s.corners) if c is not None else 0.0, ms_c))
    return np.array(acc)


def _condition_table(title: str, samples_by_condition: dict[str, list]) -> None:
    """Per condition: mean IoU, share >= 0.95 and ms/frame for ours and classic, and the time ratio."""
    print(f"\n{title}")
    print(f"{'condition':<22}{'n':>4}{'IoU ours':>9}{'>=0.95':>8}{'ms ours':>9}"
          f"{'IoU classic':>12}{'>=0.95':>8}{'ms classic':>11}{'time x':>8}")
    rows = {c: _run(s) for c, s in samples_by_condition.items() if s}

    def line(name, a):
        print(f"{name:<22}{len(a):>4}{a[:, 0].mean():>9.3f}{(a[:, 0] >= 0.95).mean():>8.1%}"
              f"{a[:, 1].mean():>9.1f}{a[:, 2].mean():>12.3f}{(a[:, 2] >= 0.95).mean():>8.1%}"
              f"{a[:, 3].mean():>11.1f}{a[:, 1].mean() / max(1e-9, a[:, 3].mean()):>8.1f}")
    for c, a in rows.items():
        line(c, a)
    if rows:
        line("ALL", np.concatenate(list(rows.values())))


def _conditions(args) -> None:
    """The real-desk tuning table and the held-out generator's table."""
    if args.conditions:
        from testkit.synth.doc_conditions import CONDITIONS, make_condition
        _condition_table(f"real-desk tuning set (doc_conditions.py, seeds from {args.seed + 80000})",
                         {c: [make_condition(args.seed + 80000 + 1000 * i + k, c)
                              for k in range(args.conditions)] for i, c in enumerate(CONDITIONS)})
    if args.wide:
        from testkit.synth.doc_wide import WIDE_CONDITIONS, make_wide
        _condition_table(f"widened tuning set (doc_wide.py, seeds from {args.seed + 90000})",
                         {c: [make_wide(args.seed + 90000 + 1000 * i + k, c) for k in range(args.wide)]
                          for i, c in enumerate(WIDE_CONDITIONS)})
    if args.heldout:
        from testkit.heldout.doc_photos import doc_photos
        by: dict[str, list] = {}
        for p in doc_photos(args.seed, args.heldout):
            by.setdefault(p.condition, []).append(_Labelled(p.image, np.asarray(p.corners, np.float32)))
        _condition_table(f"HELD-OUT generator (testkit.heldout.doc_photos, seed {args.seed}; "
                         "never used for tuning)", by)


class _Labelled:
    """An image with its true corners, the shape _run expects."""

    def __init__(self, image: np.ndarray, corners: np.ndarray):
        self.image, self.corners = image, corners


def _extras(args, line) -> None:
    """The optional variation and empty-desk tables."""
    kinds = BACKGROUNDS + HELD_OUT_BACKGROUNDS
    if args.variations:
        print(f"\nvariations (all {len(kinds)} backgrounds, {args.variations} each, seeds from "
              f"{args.seed + 50000})")
        for v_i, (name, var) in enumerate(VARIATIONS.items()):
            samples = [make_sample(args.seed + 50000 + 1000 * (len(kinds) * v_i + b_i) + k, bg, var=var)
                       for b_i, bg in enumerate(kinds) for k in range(args.variations)]
            line(name, _run(samples))
    if args.empty:
        print(f"\nbare desks: outlines reported (should be 0 of {args.empty} each)")
        print(f"{'background':<14}{'ours':>6}{'classic':>9}")
        for b_i, bg in enumerate(kinds):
            imgs = [empty_desk(args.seed + 70000 + 1000 * b_i + k, bg) for k in range(args.empty)]
            ours = sum(detect(im) is not None for im in imgs)
            base = sum(detect_classic(im) is not None for im in imgs)
            print(f"{bg:<14}{ours:>6}{base:>9}")


def main() -> None:
    """Generate the set, run both detectors on one core, print the table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-background", type=int, default=40)
    ap.add_argument("--seed", type=int, default=100000)
    ap.add_argument("--variations", type=int, default=0)
    ap.add_argument("--empty", type=int, default=0)
    ap.add_argument("--conditions", type=int, default=0)
    ap.add_argument("--heldout", type=int, default=0)
    ap.add_argument("--wide", type=int, default=0)
    args = ap.parse_args()
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    cv2.setNumThreads(1)
    detect(np.zeros((1080, 1920, 3), np.uint8))          # warm-up
    def line(name, a):
        ratio = a[:, 0].mean() / max(1e-9, a[:, 2].mean())
        print(f"{name:<14}{len(a):>5}{a[:, 0].mean():>10.3f}{a[:, 2].mean():>13.3f}{ratio:>7.2f}"
              f"{a[:, 1].mean():>9.1f}{np.percentile(a[:, 1], 95):>8.1f}{a[:, 3].mean():>12.1f}"
              f"{(a[:, 0] >= 0.98).mean():>8.0%}")
    if args.per_background:
        rows = {bg: _run([make_sample(args.seed + 1000 * b_i + k, bg) for k in range(args.per_background)])
                for b_i, bg in enumerate(BACKGROUNDS + HELD_OUT_BACKGROUNDS)}
        print(f"{'background':<14}{'n':>5}{'IoU ours':>10}{'IoU classic':>13}{'ratio':>7}"
              f"{'ms ours':>9}{'ms p95':>8}{'ms classic':>12}{'>=0.98':>8}")
        for bg, a in rows.items():
            line(bg + ("*" if bg in HELD_OUT_BACKGROUNDS else ""), a)
        line("ALL (4 kinds)", np.concatenate([rows[b] for b in BACKGROUNDS]))
        print("* held-out background, never used while tuning; targets: IoU >= 0.98, <= 60 ms/frame")
    _extras(args, line)
    _conditions(args)


if __name__ == "__main__":
    main()
