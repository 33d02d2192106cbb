"""Low reach in the real window: the live camera preview moves up above the controls and back (issue 13.3)."""
from __future__ import annotations

import pytest

from drivers.registry import build_driver
from kiosk import codes
from kiosk.flow.intents import ToggleLowReach
from testkit.camera_sources import qr_video

pytestmark = pytest.mark.ui


@pytest.fixture
def qr_video_camera(fresh, tmp_path):
    """A file-backed QR camera for the test; the simulator given back afterwards."""
    hub = fresh.app.core.devices
    video = qr_video(tmp_path / "codes.avi", [codes.build_receipt("2026112200078")], frames_per_code=30)
    hub.replace("qr_camera", build_driver("qr_camera", "opencv", {"source": str(video), "fps": 20,
                                                                  "loop": True}))
    yield fresh
    hub.replace("qr_camera", build_driver("qr_camera", "simulator", {}))


def top_share(widget, window_height: float) -> float:
    """Share of the window height below the widget's bottom edge (1 = top of the window)."""
    return widget.to_window(widget.x, widget.y)[1] / window_height


def test_preview_moves_above_the_controls_in_low_reach_and_back(qr_video_camera):
    ui = qr_video_camera
    app = ui.app
    ui.tap(ui.screen("attract").ids.scan_button)
    ui.wait_screen("scan")
    own = ui.screen("scan").ids.preview
    above = app.root.ids.reach_panel.ids.reach_preview
    ui.wait_for(lambda: own.frames_shown > 3, "the scan screen's preview running")
    height = app.root.height

    app.send(ToggleLowReach())
    ui.wait_for(lambda: app.low_reach, "low reach on")
    start = above.frames_shown
    ui.wait_for(lambda: above.frames_shown >= start + 10, "the preview running above")
    ui.pump(3)
    assert above.opacity == 1 and above.height > 0.15 * height
    assert top_share(above, height) >= 0.55, "the preview is not in the upper part"
    assert own.opacity == 0 and own.height < 1, "the screen's own preview still takes room below"
    frozen = own.frames_shown
    ui.pump(10)
    assert own.frames_shown == frozen, "the folded preview kept pulling frames"
    ui.screenshot("low-reach-scan-preview")

    app.send(ToggleLowReach())
    ui.wait_for(lambda: not app.low_reach, "low reach off")
    ui.wait_for(lambda: own.frames_shown >= frozen + 10, "the screen's preview running again")
    assert own.opacity == 1 and own.height > 0.15 * height
    assert above.height == 0 or not app.root.ids.reach_panel.preview_on
    stopped = above.frames_shown
    ui.pump(10)
    assert above.frames_shown == stopped, "the preview above kept pulling frames"
    ui.tap(ui.chrome.back_button)
    ui.wait_screen("attract")
