"""Benchmark: durable outbox enqueue (encrypt + WAL + synchronous=FULL) vs a bare SQLite insert.

Run: .venv/bin/python bench/bench_outbox.py [--n 300] [--pdf-kb 0]
Both sides write to the same temp folder with journal_mode=WAL and synchronous=FULL, alternating so
disk noise hits both alike; prints median and p95 of each and the ratio (outbox / bare).
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.outbox import Outbox, UploadFile  # noqa: E402


def payload(i: int) -> dict:
    """An application of realistic size (about 1.5 kB of JSON)."""
    return {"items": ["SVC-001", "SVC-002"], "person_ref": f"P-{i:06d}",
            "form": {f"field_{k}": f"value {k} 北京市朝阳区建国路{i}号" for k in range(30)},
            "materials": [{"code": "M1", "via": "certificate", "cert_id": "C1"}],
            "delivery": "window", "contact_phone": "13800138000"}


def p95(xs: list[float]) -> float:
    """95th percentile."""
    return sorted(xs)[max(0, int(round(0.95 * len(xs))) - 1)]


def main() -> None:
    """Run both loops interleaved and print the comparison."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--pdf-kb", type=int, default=0, help="attach a PDF of this size to each item")
    args = ap.parse_args()
    pdf = os.urandom(args.pdf_kb * 1024)
    with tempfile.TemporaryDirectory(dir=ROOT / "bench") as tmp:
        box = Outbox(Path(tmp) / "outbox.sqlite3", Path(tmp) / "outbox.key")
        bare = sqlite3.connect(Path(tmp) / "bare.sqlite3", isolation_level=None)
        bare.execute("PRAGMA journal_mode=WAL")
        bare.execute("PRAGMA synchronous=FULL")
        bare.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)")
        ours, base = [], []
        for i in range(args.n):
            body = payload(i)
            files = [UploadFile("M1", pdf)] if pdf else []
            t0 = time.perf_counter()
            box.enqueue("application", body, files)
            ours.append(time.perf_counter() - t0)
            blob = json.dumps(body, ensure_ascii=False).encode() + pdf
            t0 = time.perf_counter()
            bare.execute("INSERT INTO t (body) VALUES (?)", (blob,))
            base.append(time.perf_counter() - t0)
        box.close()
        bare.close()
    med_o, med_b = statistics.median(ours), statistics.median(base)
    print(f"items={args.n} pdf_kb={args.pdf_kb} (WAL, synchronous=FULL, same disk, interleaved)")
    print(f"outbox enqueue: median {med_o * 1000:.3f} ms  p95 {p95(ours) * 1000:.3f} ms")
    print(f"bare insert:    median {med_b * 1000:.3f} ms  p95 {p95(base) * 1000:.3f} ms")
    print(f"ratio outbox/bare: median {med_o / med_b:.2f}x  p95 {p95(ours) / p95(base):.2f}x")


if __name__ == "__main__":
    main()
