"""`kiosk-diag print-test` against the pty printer simulator process."""
import json
import subprocess
import sys

import pytest

from printer_helpers import REPO, PtyPrinterSim

pytestmark = pytest.mark.hardware_sim


def _diag(*args):
    proc = subprocess.run([sys.executable, "-m", "kiosk.diag.cli", "print-test", *args],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    return proc.returncode, json.loads(proc.stdout.strip().splitlines()[-1])


def test_print_test_prints_chinese_and_qr(tmp_path):
    sim = PtyPrinterSim(tmp_path)
    try:
        code, out = _diag("--port", str(sim.link), "--baud", "115200", "--timeout", "0.1")
    finally:
        sim.stop()
    assert code == 0 and out["ok"] is True
    slip = sim.slips()[0]
    assert slip["complete"] and slip["lines"][0] == "打印测试"
    assert slip["qr"] == [out["qr"]]


@pytest.mark.parametrize("script,condition", [
    ("paper_out_after=0", "paper_out"), ("cover_open=1", "cover_open"), ("offline=1", "offline"),
    ("silent=1", "no_answer")])
def test_print_test_names_the_condition(tmp_path, script, condition):
    sim = PtyPrinterSim(tmp_path, script)
    try:
        code, out = _diag("--port", str(sim.link), "--timeout", "0.1")
    finally:
        sim.stop()
    assert code == 1 and out["ok"] is False and out["error"] == condition
    assert sim.slips() == []


def test_print_test_missing_port(tmp_path):
    code, out = _diag("--port", str(tmp_path / "none"), "--timeout", "0.1", "--wait", "2")
    assert code == 1 and out["error"] == "no_device"
