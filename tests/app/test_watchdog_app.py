"""The running kiosk tells systemd it is ready and keeps pinging the watchdog from its UI loop."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ready_then_watchdog_pings_reach_the_notify_socket(tmp_path: Path) -> None:
    path = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(1.0)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(PYTHONPATH=str(ROOT), NOTIFY_SOCKET=path, WATCHDOG_USEC="2000000")
    proc = subprocess.Popen([sys.executable, str(ROOT / "run_kiosk.py"), "--exit-after", "60",
                             "--screenshots", str(tmp_path / "shots")], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    messages: list[str] = []
    try:
        deadline = time.monotonic() + 90  # a bound against hangs, not a timing assertion
        while time.monotonic() < deadline and messages.count("WATCHDOG=1") < 3:
            assert proc.poll() is None, proc.communicate()[1][-600:]
            try:
                messages.append(sock.recv(4096).decode())
            except socket.timeout:
                continue
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
        sock.close()
    ready = [i for i, m in enumerate(messages) if m.startswith("READY=1")]
    pings = [i for i, m in enumerate(messages) if m == "WATCHDOG=1"]
    assert ready and len(pings) >= 3, messages
    assert ready[0] < pings[0], "pinged before it was ready"
