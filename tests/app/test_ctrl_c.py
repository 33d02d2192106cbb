"""Ctrl-C (SIGINT) and SIGTERM end `./dev run` cleanly: no traceback, every device stopped."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_kiosk_without_a_traceback(tmp_path, sig):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    shots = tmp_path / "shots"
    proc = subprocess.Popen([sys.executable, str(ROOT / "run_kiosk.py"), "--screenshots", str(shots),
                             "--exit-after", "90"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not any(shots.glob("*.png")):  # the first screenshot: the app loop is running
            assert proc.poll() is None, proc.communicate()[1][-2000:]
            assert time.monotonic() < deadline, "the kiosk did not start"
            time.sleep(0.2)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err[-2000:]
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert f"{signal.Signals(sig).name} received" in err
    for device in ("card_reader", "printer", "qr_camera", "document_camera"):
        assert f"{device}: online -> offline" in err, f"{device} not stopped"
    assert "devices stopped" in err
