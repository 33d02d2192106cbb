"""`kiosk-diag devices` as field staff run it: JSON on stdout, exit 0 only when all are usable."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, dict]:
    proc = subprocess.run([sys.executable, "-m", "kiosk.diag.cli", "devices", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    return proc.returncode, json.loads(proc.stdout)


def test_simulated_booth_is_all_online():
    code, out = run()
    assert code == 0 and out["ok"] and out["profile"] == "booth_24h"
    assert {d["device"]: d["state"] for d in out["devices"]} == {
        "card_reader": "online", "printer": "online", "qr_camera": "online",
        "document_camera": "online", "locker": "online"}


def test_missing_serial_port_is_reported_not_hidden(tmp_path):
    cfg = tmp_path / "config"
    shutil.copytree(ROOT / "config" / "profiles", cfg / "profiles")
    shutil.copy(ROOT / "config" / "kiosk.toml", cfg / "kiosk.toml")
    profile = cfg / "profiles" / "booth_24h.toml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        '[devices.printer]\ndriver = "simulator"',
        f'[devices.printer]\ndriver = "escpos_serial"\nport = "{tmp_path}/no-such-tty"'),
        encoding="utf-8")
    code, out = run("--config", str(cfg / "kiosk.toml"))
    printer = next(d for d in out["devices"] if d["device"] == "printer")
    assert code == 1 and not out["ok"]
    assert printer["state"] == "no_device" and printer["configured_driver"] == "escpos_serial"
    assert "no-such-tty" in printer["detail"]


def test_bad_config_exits_2_with_the_message(tmp_path):
    bad = tmp_path / "kiosk.toml"
    bad.write_text("[kiosk]\nprofile = 3\n", encoding="utf-8")
    code, out = run("--config", str(bad))
    assert code == 2 and out["error"] == "config" and "kiosk.profile" in out["message"]
