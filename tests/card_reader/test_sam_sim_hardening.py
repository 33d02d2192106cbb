"""The SAM simulator never crashes on a malformed script and never deletes a file at --link."""
import json
import subprocess
import sys

import pytest

from drivers.card_reader.sim.sam import REPO_ROOT


def _sim(*args):
    return subprocess.run([sys.executable, "-m", "drivers.card_reader.sim.sam", *args],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize("script,words", [
    ([1, 2], "JSON object"), ({"people": "x"}, "list of objects"),
    ({"people": [{"name": 5}]}, "must be text"), ({"noise": 5}, "noise must be an object"),
    ({"slow": "fast"}, "slow must be a number"), ({"port_close": 3}, "port_close"),
    ({"card": {"present_finds": "x"}}, "card.present_finds"),
    ({"force_sw3": {"3003": "zz"}}, "force_sw3"), ({"bad_checksum": {"commands": 5}}, "list"),
    ({"colour": 1}, "unknown script keys"),
])
def test_malformed_script_is_one_clear_message(tmp_path, script, words):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(script), "utf-8")
    proc = _sim("--link", str(tmp_path / "tty"), "--script", str(path))
    assert proc.returncode == 2 and words in proc.stderr and "Traceback" not in proc.stderr


def test_link_never_replaces_a_file(tmp_path):
    victim = tmp_path / "notes.txt"
    victim.write_text("keep me", "utf-8")
    proc = _sim("--link", str(victim))
    assert proc.returncode == 2 and "already exists" in proc.stderr
    assert victim.read_text("utf-8") == "keep me"
