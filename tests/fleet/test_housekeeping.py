"""Log rotation with a size cap, low disk detection and the start-up session wipe."""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.fleet.disk import CRITICAL, LOW, OK, check_disk, report_disk
from kiosk.fleet.logs import log_cap_bytes, setup_logging
from kiosk.fleet.session_files import session_dir, wipe_previous_session
from kiosk.fleet.telemetry import FleetTelemetry
from kiosk.fleet.topics import KioskTopics

ROOT = Path(__file__).resolve().parents[2]


class Recorder:
    """A telemetry transport that keeps what was published."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def publish(self, topic: str, payload: str, retain: bool) -> bool:
        """Keep it."""
        self.sent.append((topic, payload))
        return True


def test_logs_rotate_and_never_exceed_the_cap(tmp_path):
    logger = logging.getLogger("test.fleet.rotation")
    logger.propagate = False
    handler = setup_logging(tmp_path, max_bytes=4096, backups=2, logger=logger)
    setup_logging(tmp_path, max_bytes=4096, backups=2, logger=logger)  # no second handler
    try:
        assert len(logger.handlers) == 1
        for i in range(2000):
            logger.info("event %05d %s", i, "x" * 60)
    finally:
        logger.removeHandler(logger.handlers[0])
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) <= log_cap_bytes(4096, 2)
    assert "event 01999" in (tmp_path / "kiosk.log").read_text()  # the newest lines are kept


def test_bad_rotation_settings_are_refused(tmp_path):
    with pytest.raises(ValueError, match="max_bytes >= 1024"):
        setup_logging(tmp_path, max_bytes=10, backups=1, logger=logging.getLogger("test.x"))


def test_disk_levels_against_the_real_volume(tmp_path):
    free = shutil.disk_usage(tmp_path).free
    assert check_disk(tmp_path, low_bytes=1, critical_bytes=0).level == OK
    low = check_disk(tmp_path, low_bytes=free * 4, critical_bytes=1)
    assert low.level == LOW and "disk low" in low.message()
    assert check_disk(tmp_path, low_bytes=free * 4, critical_bytes=free * 2).level == CRITICAL
    with pytest.raises(ValueError, match="above the low one"):
        check_disk(tmp_path, low_bytes=1, critical_bytes=2)


def test_low_disk_is_reported_in_telemetry(tmp_path):
    transport = Recorder()
    telemetry = FleetTelemetry(KioskTopics("k1"), transport)
    free = shutil.disk_usage(tmp_path).free
    report_disk(check_disk(tmp_path, low_bytes=free * 4, critical_bytes=1), telemetry)
    values = telemetry.values()
    assert values["disk_free"] == str(free // (1024 * 1024))
    assert values["last_error"].startswith("disk low:")
    assert ("onetrip/k1/state/last_error", values["last_error"]) in transport.sent
    telemetry.tick()  # disk_free rides on the heartbeat
    assert ("onetrip/k1/state/disk_free", values["disk_free"]) in transport.sent


def test_startup_wipes_every_session_file_and_nothing_else(tmp_path):
    folder = session_dir(tmp_path)
    (folder / "scan" / "deep").mkdir(parents=True)
    (folder / "photo.jpg").write_bytes(b"jpeg")
    (folder / "scan" / "deep" / "page1.png").write_bytes(b"png")
    (folder / "scan" / "readonly.txt").write_text("x")
    os.chmod(folder / "scan" / "readonly.txt", 0o400)
    os.chmod(folder / "scan" / "deep", 0o500)
    outside = tmp_path / "var" / "outbox.sqlite3"
    outside.write_bytes(b"keep me")
    (folder / "link").symlink_to(outside)
    assert wipe_previous_session(tmp_path) == 6
    assert list(folder.iterdir()) == []
    assert outside.read_bytes() == b"keep me"
    assert wipe_previous_session(tmp_path) == 0  # a clean start is a no-op


CRASHING_SESSION = """
import sys, time
from pathlib import Path
from kiosk.outbox import UploadFile, open_outbox
from kiosk.fleet.session_files import session_dir
root = Path(sys.argv[1])
box = open_outbox(root)
box.enqueue("application", {"service": "demo"}, [UploadFile("M01", b"%PDF-1.4 demo")])
box.close()
d = session_dir(root)
d.mkdir(parents=True, exist_ok=True)
(d / "id_photo.jpg").write_bytes(b"face")
(d / "capture").mkdir()
(d / "capture" / "page-1.png").write_bytes(b"page")
print("in session", flush=True)
time.sleep(60)
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_after_sigkill_and_restart_no_session_file_remains_and_outbox_is_intact(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", CRASHING_SESSION, str(tmp_path)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "in session"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    db = tmp_path / "var" / "outbox.sqlite3"
    before = {p.name: _digest(p) for p in (tmp_path / "var").glob("outbox*")}
    assert any(session_dir(tmp_path).rglob("*"))
    assert wipe_previous_session(tmp_path) == 3
    assert list(session_dir(tmp_path).rglob("*")) == []
    assert {p.name: _digest(p) for p in (tmp_path / "var").glob("outbox*")} == before
    from kiosk.outbox import open_outbox
    box = open_outbox(tmp_path)
    try:
        assert sum(box.counts().values()) == 1 and db.exists()
    finally:
        box.close()
