"""kiosk-platform command line and the deterministic sample data."""
from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys

from drivers.card_reader import gb11643
from refplatform import catalog, db, seed
from refplatform.testing import REPO_ROOT


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "refplatform", *args], capture_output=True, text=True,
                          timeout=60, cwd=str(REPO_ROOT))


def dump(path) -> list:  # noqa: ANN001
    con = sqlite3.connect(path)
    try:
        return [row for t in ("persons", "certificates", "applications", "application_items", "timeline", "results")
                for row in con.execute(f"SELECT * FROM {t} ORDER BY 1, 2")]
    finally:
        con.close()


def test_seed_is_deterministic_and_loads_once(tmp_path):
    services = catalog.load()
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert seed.load(db.open_db(str(first)), services) is True
    assert seed.load(db.open_db(str(second)), services) is True
    assert seed.load(db.open_db(str(second)), services) is False
    assert dump(first) == dump(second) and len(dump(first)) > 50


def test_seed_uses_valid_id_numbers_and_real_service_codes():
    services = catalog.load()
    for r in seed.RESIDENTS:
        assert r["id"] is None or gb11643.is_valid(r["id"]), r["key"]
    for _, _, codes, *_ in seed.APPS:
        assert all(c in services for c in codes)
    codes = [a[6][0] for a in seed.APPS if a[6]]
    assert len(codes) == len(set(codes))


def test_add_kiosk_prints_only_the_secret_and_refuses_bad_ids(tmp_path):
    database = str(tmp_path / "k.sqlite3")
    out = cli("add-kiosk", "KIOSK-0001", "--db", database)
    assert out.returncode == 0 and len(out.stdout.strip()) >= 40 and "\n" not in out.stdout.strip()
    bad = cli("add-kiosk", "bad id!", "--db", database)
    assert bad.returncode == 2 and "kiosk id must be" in bad.stderr and bad.stdout == ""


def test_help_lists_the_documented_options():
    out = cli("serve", "--help")
    for option in ("--host", "--port", "--db", "--seed", "--fault", "--fault-seed", "--test-control"):
        assert option in out.stdout
    assert "add-kiosk" in cli("--help").stdout


def test_a_busy_port_is_a_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        out = cli("--port", str(port), "--db", str(tmp_path / "p.sqlite3"))
    assert out.returncode == 1 and "cannot listen on 127.0.0.1" in out.stderr and "Traceback" not in out.stderr
