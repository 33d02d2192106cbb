"""Benchmark: resident ID card read time through the real driver vs the wire time at the baud rate.

The simulator runs as its own process on a pty. A pty does not enforce a baud rate, so the
simulator paces what crosses the line (commands it receives and answers it sends) to the
configured rate at 10 bits per byte (8N1); the measurement is then comparable to a real line.
Run: .venv/bin/python bench/bench_id_read.py [--reads N] [--bauds 115200,38400,9600]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drivers.card_reader.sam_driver import SamCardReader  # noqa: E402
from drivers.card_reader.sim.sam import launch  # noqa: E402


def measure(baud: int, reads: int, tmp: str) -> dict:
    """Mean read time and bytes on the wire for `reads` reads at `baud`."""
    link = f"{tmp}/tty{baud}"
    sim = launch(link, {"baud": baud})
    reader = SamCardReader("bench", link, baud=baud, poll_interval=60.0)
    reader.start()
    try:
        reader.read_card(30).result(35)  # warm-up: open, status check, first presence
        times, wire = [], []
        for _ in range(reads):
            before = dict(reader.link.stats)
            t0 = time.perf_counter()
            reader.read_card(30).result(35)
            times.append(time.perf_counter() - t0)
            after = reader.link.stats
            wire.append((after["bytes_out"] - before["bytes_out"])
                        + (after["bytes_in"] - before["bytes_in"]))
    finally:
        reader.stop()
        sim.stop()
    nbytes = statistics.mean(wire)
    wire_s = nbytes * 10 / baud
    mean = statistics.mean(times)
    return {"baud": baud, "bytes": nbytes, "wire_ms": wire_s * 1e3, "read_ms": mean * 1e3,
            "best_ms": min(times) * 1e3, "ratio": mean / wire_s}


def main() -> int:
    """Print a table: baud, bytes per read, wire time, measured read time, ratio."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reads", type=int, default=10)
    p.add_argument("--bauds", default="115200,38400,9600")
    args = p.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_id_") as tmp:
        for baud in (int(b) for b in args.bauds.split(",")):
            rows.append(measure(baud, args.reads, tmp))
    print("ID card read (find+select+read base+read appended) through SamCardReader vs wire time")
    print("(simulator paces the pty to the baud rate; wire time = bytes x 10 bits / baud)")
    print(f"{'baud':>7} {'bytes':>6} {'wire ms':>8} {'read ms':>8} {'best ms':>8} {'ratio':>6}")
    for r in rows:
        print(f"{r['baud']:>7} {r['bytes']:>6.0f} {r['wire_ms']:>8.1f} {r['read_ms']:>8.1f} "
              f"{r['best_ms']:>8.1f} {r['ratio']:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
