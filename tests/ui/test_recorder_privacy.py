"""Screenshots outside the demo: never of the camera screens, and a session's shots die with it."""
from __future__ import annotations

import time

import pytest

from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.flow.scan import intents as si
from kiosk.session_files import session_files_of
from screens.recorder import SETTLE_S, Recorder

pytestmark = pytest.mark.ui


def _settle(ui, screen: str) -> None:
    ui.wait_screen(screen)
    ui.wait_for(lambda: ui.app.rendered is not None
                and ui.app.rendered.revision == ui.app.flow.state.revision, "rendered")
    # the recorder's settle delay is wall-clock time: frames alone may pass faster than that
    until = time.monotonic() + SETTLE_S + 0.3
    while time.monotonic() < until:
        ui.pump(1)
    ui.pump(3)  # the shot is grabbed on the frame after the delay


def test_camera_screen_never_saved_and_session_shots_wiped_at_finish(fresh, tmp_path):
    ui = fresh
    recorder = Recorder(ui.app, tmp_path, demo=False, exit_after=0)
    recorder.attach()
    try:
        _settle(ui, "attract")
        ui.app.send(si.ScanCode())
        _settle(ui, "scan")
        recorder._periodic()  # the 5-second "latest" shot, taken now
        assert not list(tmp_path.glob("*scan*.png")) and not (tmp_path / "latest.png").exists()
        ui.app.send(it.Finish())
        _settle(ui, "attract")
        ui.app.send(bi.Start())
        _settle(ui, "catalog")
        folder = session_files_of(ui.app.flow).folder(ui.app.flow.session.id)
        in_session = sorted(p.name for p in folder.glob("*catalog*.png"))
        assert in_session, "the catalog of a session is saved (in its session folder) while it lasts"
        assert not list(tmp_path.glob("*catalog*.png")), "in-session shots stay in var/session"
        ui.app.send(it.Finish())
        _settle(ui, "attract")
        ui.wait_for(lambda: not folder.exists(), "the session folder removed")
        assert not list(tmp_path.glob("*catalog*.png")), "a session's shots outlive it"
        assert list(tmp_path.glob("*attract*.png")), "shots outside a session are kept"
    finally:
        recorder.detach()


def test_the_demo_keeps_every_screen(fresh, tmp_path):
    ui = fresh
    recorder = Recorder(ui.app, tmp_path, demo=False, exit_after=0, fictitious=True)
    recorder.attach()
    try:
        ui.app.send(si.ScanCode())
        _settle(ui, "scan")
        ui.app.send(it.Finish())
        _settle(ui, "attract")
        assert list(tmp_path.glob("*scan*.png"))
    finally:
        recorder.detach()
