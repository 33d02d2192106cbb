"""Per-session temp folders under var/session: wiped on finish, cancel, idle timeout, and at start-up
after a SIGKILL; never another session's, never anything outside var/session."""
from __future__ import annotations

import dataclasses
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.core import DEFAULT_CONFIG, build_core
from kiosk.fleet.session_files import session_dir
from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.session_files import SessionFiles, session_files_of
from testkit.clock import FakeClock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def kiosk(tmp_path):
    """A core on a scratch installation root (no device threads), with a hand-moved clock."""
    clock = FakeClock(100.0)
    config = dataclasses.replace(load_config(DEFAULT_CONFIG), root=tmp_path, platform=None, mqtt=None)
    core = build_core(config, start_devices=False, clock=clock)
    yield core, clock
    session_files_of(core.flow).close()
    core.stop()


def _start_with_files(core) -> Path:
    core.flow.dispatch(bi.Start())
    files = session_files_of(core.flow)
    sid = core.flow.session.id
    files.write(sid, "capture-1.png", b"\x89PNG page")
    files.write(sid, "application.pdf", b"%PDF-1.4")
    folder = files.folder(sid)
    assert folder.parent == session_dir(core.config.root)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "application.pdf").stat().st_mode) == 0o600
    return folder


def _settled(core) -> None:
    files = session_files_of(core.flow)
    files._work.submit(lambda: None).result(10)  # removals queued before this have run


def test_finish_wipes_the_session_folder(kiosk):
    core, _ = kiosk
    folder = _start_with_files(core)
    core.flow.dispatch(it.Finish())
    _settled(core)
    assert not folder.exists() and list(session_dir(core.config.root).iterdir()) == []


def test_cancel_back_to_the_attract_screen_wipes_it(kiosk):
    core, _ = kiosk
    folder = _start_with_files(core)
    core.flow.dispatch(it.Back())  # the catalog's Back returns to the attract screen
    assert core.flow.state.screen == "attract"
    _settled(core)
    assert not folder.exists()


def test_idle_timeout_wipes_it(kiosk):
    core, clock = kiosk
    folder = _start_with_files(core)
    clock.advance(core.config.profile.idle_timeout_s + 1)
    core.flow.tick()
    assert core.flow.session is None
    _settled(core)
    assert not folder.exists()


def test_the_next_session_keeps_its_own_files(kiosk):
    core, _ = kiosk
    first = _start_with_files(core)
    core.flow.end_session()
    core.flow.dispatch(bi.Start())  # a new resident before the removal ran
    second = session_files_of(core.flow).write(core.flow.session.id, "mine.png", b"x")
    _settled(core)
    assert not first.exists() and second.read_bytes() == b"x"


def test_names_that_could_leave_the_folder_are_refused(tmp_path):
    files = SessionFiles(tmp_path)
    for bad in ("../outbox.sqlite3", "a/b.png", ".hidden", ""):
        with pytest.raises(ValueError):
            files.write("abc", bad, b"x")
    with pytest.raises(ValueError):
        files.folder("../../etc")
    files.close()


CRASHING_KIOSK = """
import dataclasses, sys, time
from pathlib import Path
from kiosk.config import load_config
from kiosk.core import DEFAULT_CONFIG, build_core
from kiosk.flow.browse import intents as bi
from kiosk.session_files import session_files_of
root = Path(sys.argv[1])
config = dataclasses.replace(load_config(DEFAULT_CONFIG), root=root, platform=None, mqtt=None)
core = build_core(config, start_devices=False)
core.flow.dispatch(bi.Start())
files = session_files_of(core.flow)
files.write(core.flow.session.id, "id-photo.jpg", b"face")
files.write(core.flow.session.id, "signature.png", b"sig")
print(files.folder(core.flow.session.id), flush=True)
time.sleep(60)
"""


def test_sigkill_mid_session_then_restart_leaves_no_session_file(tmp_path):
    keep = tmp_path / "var" / "cache"
    proc = subprocess.Popen([sys.executable, "-c", CRASHING_KIOSK, str(tmp_path)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            text=True)
    try:
        folder = Path(proc.stdout.readline().strip())
        assert (folder / "id-photo.jpg").read_bytes() == b"face"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    assert folder.exists(), "the killed kiosk had no chance to clean up"
    cached = sorted(p.name for p in keep.iterdir())
    # the start-up path of a restarted kiosk (screens.operations.before_start calls the same wipe)
    assert SessionFiles(tmp_path).wipe_all() == 3
    assert list(session_dir(tmp_path).rglob("*")) == []
    assert sorted(p.name for p in keep.iterdir()) == cached  # nothing outside var/session touched
