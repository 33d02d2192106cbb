"""Starts the locker board simulator process, changes its faults live, and stops it by PID."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


class PtyLockerSim:
    """`python -m drivers.locker.sim` in its own process; `control()` rewrites its control file."""

    def __init__(self, folder: Path, faults: str = "", locks: int = 16, board: int = 1,
                 open_state: int = 0x11, closed_state: int = 0x00) -> None:
        self.link = folder / "locker0"
        self.ctl = folder / "locker_control.json"
        self._version = 0
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")]))}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "drivers.locker.sim", "--link", str(self.link),
             "--locks", str(locks), "--board", str(board), "--open-state", hex(open_state),
             "--closed-state", hex(closed_state), "--faults", faults, "--control", str(self.ctl)],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if "vanish" not in faults.split(","):
            self.wait_link(True)

    def wait_link(self, present: bool, limit_s: float = 10.0) -> None:
        """Wait until the pty link exists (or is gone); RuntimeError if the process died."""
        deadline = time.monotonic() + limit_s
        while self.link.exists() != present:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
                raise RuntimeError(f"locker simulator exited: {err.strip()[-300:]}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("locker simulator did not create its pty")
            time.sleep(0.02)

    def control(self, **state) -> None:
        """Write the control file atomically, with a new mtime every time."""
        self._version += 1
        tmp = self.ctl.with_suffix(".tmp")
        tmp.write_text(json.dumps(state), "utf-8")
        now = time.time_ns()
        os.utime(tmp, ns=(now, now + self._version))
        os.replace(tmp, self.ctl)

    def stop(self) -> None:
        """Terminate by PID and wait."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        if self.proc.stderr:
            self.proc.stderr.close()
