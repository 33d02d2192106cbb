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
                   help="per-image time budget (default: the live camera's per-frame cap)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print {"file", "texts", "ms"} per image; exit 1 if any file is not a readable image."""
    from drivers.image_limits import ImageRejected, read_image
    from drivers.qr_camera.burst import DEFAULT_MAX_MS, decode_image

    budget_ms = args.budget_ms if args.budget_ms is not None else DEFAULT_MAX_MS
    status = 0
    for path in args.images:
        try:
            image = read_image(path)
        except ImageRejected as exc:
            emit({"file": path, "texts": [], "ms": 0.0, "error": str(exc)})
            status = 1
            continue
        t0 = time.perf_counter()
        found = decode_image(image, budget_ms)
        ms = (time.perf_counter() - t0) * 1000.0
        emit({"file": path, "texts": [d.text for d in found], "ms": round(ms, 1)})
    return status
