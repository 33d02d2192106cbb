"""The start-up path leaves heavy modules for later, and the background warm-up loads them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pypinyin", "requests", "img2pdf")

PROBE = """
import json, sys
import kiosk.core
before = [m for m in HEAVY if m in sys.modules]
from kiosk.warm_imports import import_in_background
import_in_background().join()
from kiosk.catalog.search import _syllables
print(json.dumps({"before": before, "after": [m for m in HEAVY if m in sys.modules],
                  "pinyin_cached": _syllables.cache_info().currsize}))
"""


def test_core_import_leaves_heavy_modules_and_the_warm_up_loads_them():
    """Importing kiosk.core (all journeys) must not pull pypinyin, requests or img2pdf; the
    thread started after the first frame must."""
    out = subprocess.run([sys.executable, "-c", f"HEAVY = {HEAVY!r}\n" + PROBE], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["before"] == [], f"imported on the start-up path: {result['before']}"
    assert result["after"] == list(HEAVY)
    assert result["pinyin_cached"] >= 1  # the segmenter ran once, off the UI thread


def test_syllables_import_pypinyin_on_first_use():
    """pypinyin imported inside _syllables: Chinese still turns into its syllables."""
    from kiosk.catalog.search import _syllables
    assert _syllables("出生") == ("chu", "sheng")
