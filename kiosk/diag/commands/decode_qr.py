"""`kiosk-diag decode-qr IMAGE...`: decode QR codes in saved camera images, one JSON line each."""
from __future__ import annotations

import argparse
import time

from kiosk.diag.cli import emit


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the decode-qr subcommand."""
    p = subparsers.add_parser("decode-qr", help="decode QR codes in image files as the camera would")
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.add_argument("--budget-ms", type=float, default=None,
                   help="per-image time budget in ms (default 40)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print {"file", "texts", "ms"} per image; exit 1 if any file is not a readable image."""
    from drivers.camera_capture import cv2  # sets OpenCV's environment before importing it
    from drivers.qr_camera.burst import decode_image

    budget = args.budget_ms if args.budget_ms is not None else 40.0
    status = 0
    for path in args.images:
        image = cv2.imread(path, cv2.IMREAD_COLOR)
        if image is None:
            emit({"file": path, "texts": [], "ms": 0.0, "error": "cannot read image"})
            status = 1
            continue
        t0 = time.perf_counter()
        found = decode_image(image, budget)
        ms = (time.perf_counter() - t0) * 1000.0
        emit({"file": path, "texts": [d.text for d in found], "ms": round(ms, 1)})
    return status
