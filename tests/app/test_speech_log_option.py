"""`./dev run --speech-log FILE`: the running kiosk writes each spoken prompt as a JSON line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.speech.speech_log import read_log

ROOT = Path(__file__).resolve().parents[2]


def test_the_kiosk_logs_its_spoken_prompts(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    speech = tmp_path / "speech.jsonl"
    # no display: the kiosk walks its demo tour by itself; "none": no sound card needed
    proc = subprocess.run([sys.executable, str(ROOT / "run_kiosk.py"), "--screenshots",
                           str(tmp_path / "shots"), "--speech-log", str(speech),
                           "--audio-device", "none", "--exit-after", "12"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr[-2000:]
    log = read_log(speech)
    assert log, "nothing was spoken"
    assert log[0]["key"] == "voice.screen.attract"
    assert all(set(e) == {"time", "lang", "key", "text"} and e["text"] for e in log)
    assert len({e["key"] for e in log}) >= 2, f"the demo tour spoke one screen only: {log}"
