"""Start-up refuses an untrusted installation key with one message, not a traceback."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_symlinked_installation_key_stops_start_up_with_one_message(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "config", tmp_path / "config")
    (tmp_path / "var").mkdir()
    public = tmp_path / "public.txt"
    public.write_bytes(os.urandom(32))
    (tmp_path / "var" / "installation.key").symlink_to(public)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, str(ROOT / "run_kiosk.py"), "--config",
                          str(tmp_path / "config" / "kiosk.toml"), "--exit-after", "20",
                          "--screenshots", str(tmp_path / "shots")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    assert "installation.key: is a symbolic link" in out.stderr
