"""Start the reference platform (`python -m refplatform --seed`) on loopback for `./dev run`."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests


@dataclass
class LocalPlatform:
    """A running reference platform: where it listens, the kiosk id and its secret file."""

    url: str
    kiosk_id: str
    secret_file: Path
    process: subprocess.Popen

    def environ(self) -> dict[str, str]:
        """The KIOSK_PLATFORM_URL / KIOSK_ID / KIOSK_SECRET_FILE overrides pointing at it."""
        return {"KIOSK_PLATFORM_URL": self.url, "KIOSK_ID": self.kiosk_id,
                "KIOSK_SECRET_FILE": str(self.secret_file)}

    def stop(self, timeout: float = 5.0) -> None:
        """Terminate the server (kill it if it does not stop in time)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)

    def __enter__(self) -> "LocalPlatform":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def free_port() -> int:
    """A port on 127.0.0.1 the OS says is free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_secret(path: Path, secret: str) -> None:
    """Write the secret file with mode 0600 (replacing an older one atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secret + "\n")
    os.replace(tmp, path)


CODE_ROOT = Path(__file__).resolve().parents[2]  # where the refplatform package lives


def start_local_platform(var: Path, kiosk_id: str = "kiosk-dev-001", *, python: str = sys.executable,
                         code_root: Path = CODE_ROOT, wait_s: float = 20.0) -> LocalPlatform:
    """Start the seeded reference server on a free loopback port, register this kiosk, wait for /health.

    Its database, log and the kiosk's secret file (0600) go to `var` (the installation's var/).
    """
    var = Path(var)
    root = Path(code_root)
    var.mkdir(parents=True, exist_ok=True)
    db = var / "refplatform.sqlite3"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root),
                                                                      os.environ.get("PYTHONPATH")])))
    ready = var / "refplatform.url"
    ready.unlink(missing_ok=True)
    log_file = open(var / "refplatform.log", "ab")
    # port 0: the OS picks a free port and the server writes its URL to the ready file (no race)
    proc = subprocess.Popen([python, "-m", "refplatform", "serve", "--host", "127.0.0.1", "--port", "0",
                             "--db", str(db), "--seed", "--ready-file", str(ready)], cwd=root, env=env,
                            stdout=log_file, stderr=subprocess.STDOUT)
    log_file.close()  # the child holds its own descriptor
    url = ""
    secret_file = var / "platform.secret"
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"refplatform exited with {proc.returncode}; see {var / 'refplatform.log'}")
        url = ready.read_text("utf-8").strip() if ready.exists() else ""
        if not url:
            time.sleep(0.05)
            continue
        try:
            up = requests.get(url + "/api/v1/health", timeout=0.5).ok
        except requests.RequestException:
            up = False
        if up:  # registering works while the server runs; it prints the new secret
            added = subprocess.run([python, "-m", "refplatform", "add-kiosk", kiosk_id, "--db",
                                    str(db)], cwd=root, env=env, capture_output=True, text=True,
                                   timeout=60)
            if added.returncode != 0 or not added.stdout.strip():
                LocalPlatform(url, kiosk_id, secret_file, proc).stop()
                raise RuntimeError(f"refplatform add-kiosk failed: {added.stderr.strip()[-500:]}")
            write_secret(secret_file, added.stdout.strip().splitlines()[-1].strip())
            return LocalPlatform(url, kiosk_id, secret_file, proc)
        time.sleep(0.1)
    LocalPlatform(url, kiosk_id, secret_file, proc).stop()
    raise RuntimeError(f"refplatform did not answer on {url} within {wait_s:.0f} s")
