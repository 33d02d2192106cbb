"""Starts and stops the pty printer simulator process for tests (by PID)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


class PtyPrinterSim:
    """The simulator in its own process; `control()` changes its state live."""

    def __init__(self, tmp: Path, script: str = "") -> None:
        self.link = tmp / "printer0"
        self.out = tmp / "out"
        self.ctl = tmp / "control.json"
        self._ctl_version = 0
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "drivers.printer.pty_sim", "--link", str(self.link),
             "--out", str(self.out), "--script", script, "--control", str(self.ctl)],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(200):
            if self.link.exists() or self.proc.poll() is not None:
                break
            time.sleep(0.02)
        if not self.link.exists():
            self.stop()
            raise RuntimeError("printer simulator did not start")

    def control(self, **state) -> None:
        """Write the control file atomically (a new mtime every time)."""
        self._ctl_version += 1
        tmp = self.ctl.with_suffix(".tmp")
        tmp.write_text(json.dumps(state), "utf-8")
        os.utime(tmp, ns=(time.time_ns(), time.time_ns() + self._ctl_version))
        os.replace(tmp, self.ctl)

    def slips(self) -> list[dict]:
        """Records of every slip the simulator finished."""
        path = self.out / "slips.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text("utf-8").splitlines()]

    def stop(self) -> None:
        """Terminate by PID and wait."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
