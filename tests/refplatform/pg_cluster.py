"""A throw-away PostgreSQL cluster in a temp dir (initdb + pg_ctl), as the postgres user when run as root."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / name).exists():
            return str(base / name)
    return None


def available() -> str | None:
    """None when a cluster can be started here, else the reason it cannot."""
    if not (_tool("initdb") and _tool("pg_ctl")):
        return "initdb/pg_ctl not installed (Debian package postgresql)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg not installed"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """initdb in a temp dir, start on 127.0.0.1:free port, create a database; stop() removes it all."""

    def __init__(self) -> None:
        # Not under pytest's tmp dir: that is 0700 root and the postgres user could not enter it.
        self.base = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.data = self.base / "pgdata"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.base, "postgres", "postgres")
            os.chmod(self.base, 0o700)

    def _run(self, *cmd: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run(prefix + list(cmd), check=True, capture_output=True, timeout=120, cwd=str(self.base))

    def start(self) -> str:
        """Start the server and return a SQLAlchemy URL of a fresh database."""
        self._run(_tool("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync",
                  "-E", "UTF8", "--locale=C")
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base} -c fsync=off " \
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        self._run(_tool("pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(self.base / "pg.log"), "-w", "start")
        import psycopg
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute("CREATE DATABASE kiosk_platform")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/kiosk_platform"

    def stop(self) -> None:
        """Stop the server (fast mode) and delete the cluster."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(_tool("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
