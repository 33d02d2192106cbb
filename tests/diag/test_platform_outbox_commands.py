"""`kiosk-diag platform check` and `kiosk-diag outbox …` run as staff run them, against the real server."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.outbox import FAILED, Outbox
from kiosk.platform_link.local import write_secret
from tests.platform_support import free_port_url, start_platform

pytestmark = pytest.mark.platform

ROOT = Path(__file__).resolve().parents[2]


def diag(*args: str, env: dict | None = None, prefix: tuple[str, ...] = ()) -> tuple[int, dict]:
    proc = subprocess.run([*prefix, sys.executable, "-m", "kiosk.diag.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    p = start_platform(tmp_path_factory.mktemp("platform"))
    yield p
    p.handle.stop()


def env_for(platform, **over: str) -> dict:
    return {"KIOSK_PLATFORM_URL": platform.url, "KIOSK_ID": platform.kiosk_id,
            "KIOSK_SECRET_FILE": str(platform.secret_file), **over}


def test_check_passes_against_the_reference_platform(platform):
    code, out = diag("platform", "check", env=env_for(platform))
    assert code == 0 and out["ok"], out
    assert out["checks"]["reachable"]["ok"] and out["checks"]["signature"]["ok"]
    assert abs(out["checks"]["clock"]["skew_s"]) < 60


def test_wrong_secret_is_named(platform, tmp_path):
    wrong = tmp_path / "wrong.secret"
    write_secret(wrong, "not-the-secret")
    code, out = diag("platform", "check", env=env_for(platform, KIOSK_SECRET_FILE=str(wrong)))
    assert code == 1 and not out["ok"] and out["error"] == "signature_invalid"
    assert "wrong secret" in out["message"] and out["checks"]["reachable"]["ok"]


@pytest.mark.skipif(shutil.which("faketime") is None, reason="faketime (Debian package) missing")
def test_skewed_kiosk_clock_is_named(platform):
    # the kiosk process really runs 20 minutes behind (libfaketime); the server keeps true time
    code, out = diag("platform", "check", env=env_for(platform), prefix=("faketime", "-f", "-20m"))
    assert code == 1 and out["error"] == "clock_skew", out
    assert out["checks"]["clock"]["skew_s"] < -1000 and "NTP" in out["message"]


def test_unreachable_url_is_named(tmp_path):
    url = free_port_url()
    secret = tmp_path / "secret"
    secret.write_text("not-the-real-secret\n", encoding="utf-8")
    code, out = diag("platform", "check", "--timeout", "1",
                     env={"KIOSK_PLATFORM_URL": url, "KIOSK_SECRET_FILE": "/dev/null/x"})
    assert code == 1 and out["error"] == "secret_file"  # the secret is checked before the network
    code, out = diag("platform", "check", "--timeout", "1",
                     env={"KIOSK_PLATFORM_URL": url, "KIOSK_SECRET_FILE": str(secret)})
    assert code == 1 and out["error"] == "unreachable" and url in out["message"]


def test_bad_url_is_a_config_error():
    code, out = diag("platform", "check", env={"KIOSK_PLATFORM_URL": "ftp://x"})
    assert code == 2 and out["error"] == "config" and "KIOSK_PLATFORM_URL" in out["message"]


def test_outbox_status_list_retry_are_masked(tmp_path):
    box = Outbox(tmp_path / "var" / "outbox.sqlite3", tmp_path / "var" / "outbox.key")
    ok = box.enqueue("application", {"form": {"name": "王小明", "id_number": "11010519491231002X"}},
                     summary="SVC-001")
    bad = box.enqueue("evaluation", {"application_no": "SL1", "level": 1, "comment": "王小明"})
    box.mark_done(box.mark_sending(bad), FAILED, error_code="validation_failed")
    box.close()
    code, out = diag("outbox", "--root", str(tmp_path), "status")
    assert code == 1 and out["counts"]["queued"] == 1 and out["counts"]["failed"] == 1
    code, out = diag("outbox", "--root", str(tmp_path), "list")
    assert code == 0 and [e["ref"] for e in out["entries"]] == [ok.local_ref, bad.local_ref]
    text = json.dumps(out, ensure_ascii=False)
    assert "王小明" not in text and "11010519491231002X" not in text
    assert ok.idempotency_key not in text
    code, out = diag("outbox", "--root", str(tmp_path), "retry", ok.local_ref)
    assert code == 1 and out["error"] == "OutboxStateError"
    code, out = diag("outbox", "--root", str(tmp_path), "retry", bad.local_ref)
    assert code == 0 and out["entry"]["state"] == "queued"
    code, out = diag("outbox", "--root", str(tmp_path), "status")
    assert code == 0 and out["counts"]["queued"] == 2


def test_outbox_with_a_wrong_key_is_reported(tmp_path):
    box = Outbox(tmp_path / "var" / "outbox.sqlite3", tmp_path / "var" / "outbox.key")
    box.enqueue("evaluation", {"application_no": "SL1", "level": 5})
    box.close()
    (tmp_path / "var" / "outbox.key").write_bytes(b"\x00" * 32)
    code, out = diag("outbox", "--root", str(tmp_path), "status")
    assert code == 1 and out["error"] == "OutboxKeyError" and "key" in out["message"]
