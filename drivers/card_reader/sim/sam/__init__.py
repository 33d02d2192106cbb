"""Simulated resident-ID (SAM) reader: a separate process on a pty pair; `launch` starts one."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Mapping

REPO_ROOT = Path(__file__).resolve().parents[4]


class SimProcess:
    """Handle on a running simulator process; stop() ends it by PID and cleans up."""

    def __init__(self, popen: subprocess.Popen, link_path: str, script_file: str | None) -> None:
        self.popen = popen
        self.pid = popen.pid
        self.link_path = link_path
        self._script_file = script_file

    def alive(self) -> bool:
        """True while the process runs."""
        return self.popen.poll() is None

    def stop(self, timeout: float = 5.0) -> int | None:
        """SIGTERM, then SIGKILL after timeout; remove the temp script and a stale symlink."""
        if self.popen.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.popen.wait(timeout)
        for stream in (self.popen.stdout, self.popen.stderr):
            if stream is not None:
                stream.close()
        if self._script_file and os.path.exists(self._script_file):
            os.unlink(self._script_file)
        if os.path.islink(self.link_path) and os.readlink(self.link_path).startswith("/dev/pts/"):
            os.unlink(self.link_path)  # only a link to a pty: never someone else's symlink
        return self.popen.returncode

    def __enter__(self) -> "SimProcess":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def launch(link_path: str | os.PathLike, script: Mapping[str, Any] | str | os.PathLike | None = None,
           baud: int | None = None, ready_timeout: float = 10.0) -> SimProcess:
    """Start the simulator process and wait until its symlink points at a live pty slave."""
    link = os.fspath(link_path)
    script_file = None
    cmd = [sys.executable, "-m", "drivers.card_reader.sim.sam", "--link", link]
    if isinstance(script, Mapping):
        fd, script_file = tempfile.mkstemp(prefix="sam_sim_", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(dict(script), fh, ensure_ascii=False)
        cmd += ["--script", script_file]
    elif script is not None:
        cmd += ["--script", os.fspath(script)]
    if baud is not None:
        cmd += ["--baud", str(baud)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    popen = subprocess.Popen(cmd, cwd=str(REPO_ROOT), env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    proc = SimProcess(popen, link, script_file)
    deadline = time.monotonic() + ready_timeout
    line = popen.stdout.readline() if popen.stdout else b""  # "READY /dev/pts/N"
    while not (line.startswith(b"READY") and os.path.exists(link)):
        if popen.poll() is not None or time.monotonic() > deadline:
            err = popen.stderr.read().decode(errors="replace") if popen.poll() is not None else ""
            proc.stop()
            raise RuntimeError(f"SAM simulator did not start: {err.strip()[-400:]}")
        time.sleep(0.02)
    return proc
