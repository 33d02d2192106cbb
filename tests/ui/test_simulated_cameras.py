"""The in-process camera simulators in the real window: preview frames, a code read, a page taken."""
from __future__ import annotations

import pytest

from drivers.registry import build_driver

pytestmark = pytest.mark.ui


@pytest.fixture
def restore_devices(fresh):
    hub = fresh.app.core.devices
    yield fresh
    for name in ("qr_camera", "document_camera"):
        hub.replace(name, build_driver(name, "simulator", {}))


def test_simulated_qr_camera_shows_a_signed_code_on_the_scan_screen(restore_devices):
    ui = restore_devices
    app = ui.app
    app.core.devices.replace("qr_camera", build_driver("qr_camera", "simulator", {
        "script": [{"wait": 0.5, "do": "show_code", "code": "pickup"}], "script_loop": False}))
    ui.tap(ui.screen("attract").ids.scan_button)
    ui.wait_screen("scan")
    preview = ui.screen("scan").ids.preview
    ui.wait_for(lambda: preview.frames_shown >= 1, "a preview frame from the simulator")
    ui.wait_for(lambda: app.rendered.page.ok is True, "the pickup code read and accepted")
    assert "PK20240042" in ui.screen("scan").ids.result.text  # signed with this kiosk's key
    assert preview.frames_shown >= 2  # the code frame replaced the empty desk
    ui.screenshot("zh-scan-simulated-code")


def test_simulated_document_camera_captures_a_page(restore_devices):
    ui = restore_devices
    app = ui.app
    app.core.devices.replace("document_camera", build_driver("document_camera", "simulator", {
        "script": [{"wait": 0.5, "do": "lay_page", "page": "form"}], "script_loop": False,
        "settle_s": 0.3}))
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    code = next(c for c, item in app.core.content.catalog.items.items()
                if any(m.scan for m in item.materials))
    from kiosk.flow.browse.intents import OpenService
    app.send(OpenService(code))
    ui.wait_screen("guide")
    ui.tap(ui.screen("guide").ids.scan_button)
    ui.wait_screen("scan")
    preview = ui.screen("scan").ids.preview
    ui.wait_for(lambda: len(preview._outline.points) == 8, "page outline drawn")
    ui.wait_for(lambda: app.rendered.page.pages >= 1, "page captured")
    ui.screenshot("zh-scan-simulated-page")
