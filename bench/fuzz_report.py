"""Runs every fuzz/property suite and reports generated cases per test, tracebacks and peak memory.

Usage: .venv/bin/python bench/fuzz_report.py [pytest paths...]
The memory cap stated by the hardening issue is 1 GB per process.
"""
from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ["tests/hardening", "tests/card_reader", "tests/printer", "tests/catalog/test_catalog_limits.py",
           "tests/diag/test_image_commands_limits.py", "tests/config"]
CAP_MB = 1024


def main(argv: list[str]) -> int:
    """Run the suites, then print one line per property test and the totals."""
    paths = argv or DEFAULT
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "--hypothesis-show-statistics", *paths], cwd=ROOT, capture_output=True,
                         text=True)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    tests = re.findall(r"^(\S+::\S+):\n\n  - during generate phase.*?- (\d+) passing, (\d+) failing,"
                       r" and (\d+) invalid", out.stdout, flags=re.M | re.S)
    total = 0
    for name, passing, failing, _invalid in tests:
        total += int(passing) + int(failing)
        print(f"{int(passing) + int(failing):6d} cases  {name}")
    tracebacks = out.stdout.count("Traceback (most recent call last)")
    summary = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "no output"
    print(f"\n{total} generated cases in {len(tests)} property tests; pytest: {summary}")
    print(f"tracebacks in output: {tracebacks}; peak memory of the test process: {peak_mb:.0f} MB "
          f"(cap {CAP_MB} MB)")
    return 0 if out.returncode == 0 and peak_mb < CAP_MB else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
