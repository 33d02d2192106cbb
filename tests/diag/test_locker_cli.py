"""`kiosk-diag locker status|open|test` through the real CLI, against the board simulator process."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.locker.sim.process import PtyLockerSim

pytestmark = pytest.mark.hardware_sim
REPO = Path(__file__).resolve().parents[2]


def diag(*args):
    proc = subprocess.run([sys.executable, "-m", "kiosk.diag.cli", "locker", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    return proc.returncode, json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture
def board(tmp_path):
    sim = PtyLockerSim(tmp_path, "left_open=2,stuck=3", locks=4)
    yield sim
    sim.stop()


def test_status_lists_every_door(board):
    code, out = diag("status", "--port", str(board.link), "--locks", "4", "--timeout", "0.1")
    assert code == 0 and out["ok"] is True
    assert out["doors"] == {"1": "closed", "2": "open", "3": "closed", "4": "closed"}
    assert out["open"] == [2]


def test_open_exits_0_only_when_confirmed(board):
    code, out = diag("open", "1", "--port", str(board.link), "--timeout", "0.1")
    assert code == 0 and out == {**out, "ok": True, "door": 1, "opened": True}
    code, out = diag("open", "3", "--port", str(board.link), "--timeout", "0.1")
    assert code == 1 and out["error"] == "door_not_open" and out["action"] == "call_staff"


def test_wrong_board_address_is_no_answer(board):
    code, out = diag("open", "1", "--port", str(board.link), "--board", "7", "--timeout", "0.05")
    assert code == 1 and out["error"] == "no_answer" and out["opened"] is False


def test_missing_port(tmp_path):
    code, out = diag("status", "--port", str(tmp_path / "none"), "--locks", "2")
    assert code == 1 and out["error"] == "no_device"


def test_self_test_opens_and_closes_each_door():
    code, out = diag("test", "--locks", "3", "--timeout", "0.1")
    assert code == 0 and out["ok"] is True and out["simulated"] is True
    assert [d["door"] for d in out["doors"] if d["opened"] and d["closed"]] == [1, 2, 3]


def test_self_test_reports_a_failing_door():
    code, out = diag("test", "--locks", "2", "--timeout", "0.1", "--faults", "stuck=2")
    assert code == 1 and out["failed"] == [2]
    assert out["doors"][1]["error"] == "door_not_open"


def test_status_reads_all_doors_in_one_query_where_the_board_allows(tmp_path):
    sim = PtyLockerSim(tmp_path, "query_all,left_open=3", locks=4)
    try:
        code, out = diag("status", "--port", str(sim.link), "--locks", "4", "--timeout", "0.1",
                         "--query-all")
        assert code == 0 and out["open"] == [3] and out["read"] == "all_at_once"
    finally:
        sim.stop()
    (tmp_path / "plain").mkdir()
    plain = PtyLockerSim(tmp_path / "plain", "left_open=3", locks=4)
    try:
        code, out = diag("status", "--port", str(plain.link), "--locks", "4", "--timeout", "0.1",
                         "--query-all")
        assert code == 0 and out["open"] == [3] and out["read"] == "lock_by_lock"
    finally:
        plain.stop()
