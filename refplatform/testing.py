"""Start the real server process for tests and benchmarks (stable API: start_server and ServerHandle)."""
from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from refplatform.auth import sign

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class ServerHandle:
    """A running `python -m refplatform` process on 127.0.0.1."""

    url: str
    db: str
    proc: subprocess.Popen
    log_path: Path
    test_control: bool = False
    env: dict = field(default_factory=dict)

    def add_kiosk(self, kiosk_id: str, via_cli: bool = False) -> str:
        """Register a kiosk in the live database and return its secret.

        In-process by default (what `kiosk-platform add-kiosk` does, without a Python start-up per
        kiosk); via_cli=True runs the real command line.
        """
        if via_cli:
            out = subprocess.run([sys.executable, "-m", "refplatform", "add-kiosk", kiosk_id, "--db", self.db],
                                 env=self.env, capture_output=True, text=True, timeout=60, check=True)
            return out.stdout.strip()
        from refplatform import auth, db
        engine = db.make_engine(self.db)
        try:
            return auth.add_kiosk(engine, kiosk_id)
        finally:
            engine.dispose()

    def set_faults(self, specs: list[str] | tuple[str, ...], seed: int | None = None) -> None:
        """Replace the fault switches at runtime (needs test_control=True)."""
        if not self.test_control:
            raise RuntimeError("start_server(..., test_control=True) to change faults at runtime")
        body = json.dumps({"faults": list(specs), "seed": seed}).encode()
        req = urllib.request.Request(self.url + "/_test/faults", data=body, method="PUT",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            resp.read()

    def publish_catalog(self, files: dict[str, str], remove: tuple[str, ...] = (),
                        replace_all: bool = False) -> int:
        """Publish a new catalog version (needs test_control=True); returns its number."""
        if not self.test_control:
            raise RuntimeError("start_server(..., test_control=True) to publish a catalog")
        body = json.dumps({"files": files, "remove": list(remove), "replace_all": replace_all}).encode()
        req = urllib.request.Request(self.url + "/_test/catalog", data=body, method="PUT",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return int(json.loads(resp.read())["version"])

    def log(self) -> str:
        """The server's stdout and stderr so far."""
        return self.log_path.read_text("utf-8", errors="replace")

    def stop(self, timeout: float = 10) -> int | None:
        """SIGTERM and wait; SIGKILL if it does not exit."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout)
        return self.proc.returncode

    def kill(self) -> None:
        """SIGKILL at once (a crashed platform)."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)


def start_server(tmp_path: Path, seed: bool = True, faults=(), test_control: bool = False,  # noqa: ANN001
                 fault_seed: int = 0, db: str | None = None, cpu: int | None = None,
                 timeout: float = 30) -> ServerHandle:
    """Start `python -m refplatform serve` on 127.0.0.1 port 0 and wait until it listens."""
    tmp_path = Path(tmp_path)
    tmp_path.mkdir(parents=True, exist_ok=True)
    tag = secrets.token_hex(4)
    db = db or str(tmp_path / f"platform-{tag}.sqlite3")
    ready = tmp_path / f"platform-{tag}.url"
    log_path = tmp_path / f"platform-{tag}.log"
    cmd = [sys.executable, "-m", "refplatform", "serve", "--host", "127.0.0.1", "--port", "0",
           "--db", db, "--ready-file", str(ready), "--fault-seed", str(fault_seed)]
    if seed:
        cmd.append("--seed")
    if test_control:
        cmd.append("--test-control")
    for spec in faults:
        cmd += ["--fault", spec]
    if cpu is not None:
        cmd = ["taskset", "-c", str(cpu)] + cmd
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=str(REPO_ROOT))
    handle = ServerHandle(url="", db=db, proc=proc, log_path=log_path, test_control=test_control, env=env)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready.exists():
            handle.url = ready.read_text("utf-8").strip()
            return handle
        if proc.poll() is not None:
            raise RuntimeError(f"kiosk-platform exited with {proc.returncode}:\n{handle.log()[-3000:]}")
        time.sleep(0.02)
    handle.kill()
    raise RuntimeError(f"kiosk-platform did not start within {timeout} s:\n{handle.log()[-3000:]}")


def signed_headers(kiosk_id: str, secret: str, method: str, path_with_query: str, body: bytes = b"",
                   timestamp: int | None = None, nonce: str | None = None) -> dict[str, str]:
    """The four signature headers for a request (a reference signer for tests)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or secrets.token_hex(16)
    return {"X-Kiosk-Id": kiosk_id, "X-Timestamp": ts, "X-Nonce": nonce,
            "X-Signature": sign(secret, method, path_with_query, ts, nonce, body)}
