"""`kiosk-diag detect-document IMAGE...`: find the page outline in saved photos, one JSON line each."""
from __future__ import annotations

import argparse
import time

from kiosk.diag.cli import emit


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the detect-document subcommand."""
    p = subparsers.add_parser("detect-document", help="find page/card corners in image files")
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print {"file", "corners", "ms"} per image; exit 1 if any image was unreadable or had no page."""
    from drivers.document_camera.detect import detect
    from drivers.image_limits import ImageRejected, read_image

    status = 0
    for path in args.images:
        try:
            image = read_image(path)
        except ImageRejected as exc:
            emit({"file": path, "corners": None, "ms": 0.0, "error": str(exc)})
            status = 1
            continue
        t0 = time.perf_counter()
        found = detect(image)
        ms = (time.perf_counter() - t0) * 1000.0
        corners = None if found is None else [[round(float(x), 1), round(float(y), 1)]
                                              for x, y in found.corners]
        if corners is None:
            status = 1
        emit({"file": path, "corners": corners, "ms": round(ms, 1)})
    return status
