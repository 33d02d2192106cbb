"""UI speed against an older commit: is the kiosk today no slower than it was at REF?

`python bench/bench_ui_vs_ref.py [--ref de13919] [--rounds 3] [--taps 50]` checks REF out into a
temporary git worktree and runs, interleaved round by round in fresh processes, that tree's
`bench/ui_probe.py` (the kiosk as it was), today's probe (the kiosk now) and the bare two-screen Kivy
app (the baseline). Each kiosk is reported as a ratio to the baseline measured in the same round, so
a loaded machine slows all three alike. Needs the git history (not for CI).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRE_HOUSE = "de13919"  # main just before the flow host / journeys rebuild (issue 8)


def probe(tree: Path, *args: str) -> dict:
    """Run one probe process from tree and return its JSON answer."""
    out = subprocess.run([sys.executable, str(tree / "bench" / "ui_probe.py"), *args], cwd=tree,
                         capture_output=True, text=True, timeout=600, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def measure(trees: dict[str, tuple[Path, str]], rounds: int, taps: int) -> dict[str, dict]:
    """Cold start and tap latencies per subject, interleaved so load hits every subject alike."""
    cold: dict[str, list[float]] = {k: [] for k in trees}
    tap: dict[str, list[float]] = {k: [] for k in trees}
    for _ in range(rounds):
        for name, (tree, which) in trees.items():
            cold[name].append(probe(tree, which, "coldstart", repr(time.time()))["first_frame_s"])
            tap[name].extend(v * 1000 for v in probe(tree, which, "taps", str(taps))["latencies_s"])
    return {k: {"cold_median": statistics.median(cold[k]), "tap_median": statistics.median(tap[k]),
                "tap_p95": p95(tap[k])} for k in trees}


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default=PRE_HOUSE)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--taps", type=int, default=50)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ui-ref-") as tmp:
        old = Path(tmp) / "ref"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.ref], cwd=ROOT,
                       check=True, capture_output=True)
        try:
            subjects = {"baseline": (ROOT, "baseline"), f"kiosk@{args.ref}": (old, "kiosk"),
                        "kiosk now": (ROOT, "kiosk")}
            res = measure(subjects, args.rounds, args.taps)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT,
                           capture_output=True)
    base = res["baseline"]
    print(f"{'subject':18} {'cold s':>8} {'ratio':>6} {'tap med ms':>11} {'ratio':>6} "
          f"{'tap p95 ms':>11} {'ratio':>6}")
    for name, r in res.items():
        print(f"{name:18} {r['cold_median']:8.3f} {r['cold_median'] / base['cold_median']:6.2f} "
              f"{r['tap_median']:11.1f} {r['tap_median'] / base['tap_median']:6.2f} "
              f"{r['tap_p95']:11.1f} {r['tap_p95'] / base['tap_p95']:6.2f}")
    now, then = res["kiosk now"], res[f"kiosk@{args.ref}"]
    print(f"now / {args.ref}: cold start {now['cold_median'] / then['cold_median']:.2f}, "
          f"tap p95 {now['tap_p95'] / then['tap_p95']:.2f} "
          f"({args.rounds} rounds, {args.taps} taps per round, interleaved)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
