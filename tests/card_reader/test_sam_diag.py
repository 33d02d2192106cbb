"""`kiosk-diag read-id` against the simulator process, and its error JSON."""
import json
import subprocess
import sys

from drivers.card_reader.sim.sam import REPO_ROOT, launch
from drivers.card_reader.sim.sam.script import DEFAULT_PEOPLE, complete_person

LI = complete_person(DEFAULT_PEOPLE[1])


def run_diag(*args):
    """Run kiosk-diag in its own process, as field staff would."""
    p = subprocess.run([sys.executable, "-m", "kiosk.diag.cli", "read-id", *args],
                       cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    return p.returncode, json.loads(p.stdout.strip().splitlines()[-1])


def test_read_id_masked_and_unmasked(tmp_path):
    link = str(tmp_path / "tty")
    with launch(link, {"people": [LI]}):
        rc, out = run_diag("--port", link, "--timeout", "5")
        assert rc == 0
        assert set(out) == {"name", "sex", "nation", "birth_date", "address", "id_number",
                            "authority", "valid_from", "valid_to", "missing", "plausibility"}
        assert out["name"] == "李*" and out["id_number"] != LI["id_number"]
        assert out["id_number"][:3] == LI["id_number"][:3] and "*" in out["id_number"]
        assert (out["sex"], out["nation"], out["valid_to"]) == ("女", "维吾尔", "长期")
        assert out["birth_date"] == "1992-**-**" and out["valid_from"] == "2010-03-15"
        assert out["address"][:3] == LI["address"][:3] and LI["address"][3:6] not in out["address"]
        assert out["missing"] == {}
        rc, out = run_diag("--port", link, "--timeout", "5", "--unmasked")
        assert rc == 0 and out["name"] == "李四" and out["id_number"] == LI["id_number"]
        assert out["birth_date"] == "1992-02-29" and out["address"] == LI["address"]


def test_read_id_from_a_reader_without_appended_address_returns_the_base_record(tmp_path):
    """Older SAM modules answer 30 03 with SW3 21 (command error): the identity is still read."""
    link = str(tmp_path / "tty")
    with launch(link, {"people": [LI], "force_sw3": {"3003": "0x21"}}):
        rc, out = run_diag("--port", link, "--timeout", "5", "--unmasked")
    assert rc == 0 and out["name"] == "李四" and out["id_number"] == LI["id_number"]
    assert out["missing"] == {"appended_address": "not_supported"}


def test_read_id_survives_an_appended_address_that_never_answers(tmp_path):
    link = str(tmp_path / "tty")
    with launch(link, {"people": [LI], "force_sw3": {"3003": "0x41"}}):
        rc, out = run_diag("--port", link, "--timeout", "5", "--unmasked")
    assert rc == 0 and out["id_number"] == LI["id_number"]
    assert out["missing"]["appended_address"] == "read_failed" or out["missing"]["appended_address"]


def test_read_id_errors_are_specific(tmp_path):
    rc, out = run_diag("--port", str(tmp_path / "missing"), "--timeout", "1")
    assert rc != 0 and out["error"] == "no_device" and out["action"] == "call_staff"
    link = str(tmp_path / "tty")
    with launch(link, {"force_sw3": {"3001": "0x40"}}):
        rc, out = run_diag("--port", link, "--timeout", "5")
    assert rc != 0 and out["error"] == "wrong_card" and "resident ID card" in out["message"]
