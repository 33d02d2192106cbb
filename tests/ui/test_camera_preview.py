"""Live camera preview in the real window: frames advance, touches are still answered."""
from __future__ import annotations

import pytest

from drivers.registry import build_driver
from kiosk import codes
from testkit.camera_sources import page_photos, qr_video

pytestmark = pytest.mark.ui


@pytest.fixture
def restore_devices(fresh):
    hub = fresh.app.core.devices
    saved = {name: build_driver(name, "simulator", {}) for name in ("qr_camera", "document_camera")}
    yield fresh
    for name, dev in saved.items():
        hub.replace(name, dev)


def test_qr_preview_runs_and_the_ui_stays_responsive(restore_devices, tmp_path):
    ui = restore_devices
    app = ui.app
    receipt = codes.build_receipt("2026112200077")
    video = qr_video(tmp_path / "codes.avi", [receipt], frames_per_code=30)
    app.core.devices.replace("qr_camera", build_driver(
        "qr_camera", "opencv", {"source": str(video), "fps": 20, "loop": True}))
    ui.tap(ui.screen("attract").ids.scan_button)
    ui.wait_screen("scan")
    preview = ui.screen("scan").ids.preview
    start = preview.frames_shown
    ui.wait_for(lambda: preview.frames_shown >= start + 15, "15 new preview frames")
    ui.tap(ui.chrome.lang_button)  # a touch while the preview runs is answered
    ui.wait_for(lambda: app.rendered.language == "en", "language switched during preview")
    more = preview.frames_shown
    ui.wait_for(lambda: preview.frames_shown >= more + 10, "preview still running")
    ui.wait_for(lambda: app.rendered.page.ok is True, "code read")
    assert "2026112200077" in ui.screen("scan").ids.result.text
    ui.screenshot("en-scan-code")
    ui.tap(ui.chrome.back_button)
    ui.wait_screen("attract")
    shown = preview.frames_shown
    ui.pump(10)
    assert preview.frames_shown == shown, "preview kept pulling frames after leaving"


def test_document_preview_draws_the_page_outline(restore_devices, tmp_path):
    ui = restore_devices
    app = ui.app
    app.core.devices.replace("document_camera", build_driver(
        "document_camera", "opencv", {"source": str(page_photos(tmp_path / "desk")), "fps": 10,
                                      "loop": True, "steady_frames": 3}))
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    code = next(c for c, item in app.core.content.catalog.items.items()
                if any(m.scan for m in item.materials))
    from kiosk.flow.browse import intents as bi
    app.send(bi.OpenService(code))
    ui.wait_screen("guide")
    ui.tap(ui.screen("guide").ids.scan_button)
    ui.wait_screen("scan")
    preview = ui.screen("scan").ids.preview
    ui.wait_for(lambda: len(preview._outline.points) == 8, "page outline drawn")
    ui.wait_for(lambda: app.rendered.page.pages >= 1, "page captured")
    xs = preview._outline.points[0::2]
    assert preview.x <= min(xs) < max(xs) <= preview.right
    ui.screenshot("zh-scan-document")


def test_scan_texts_follow_a_language_switch(restore_devices):
    ui = restore_devices
    app = ui.app
    ui.tap(ui.screen("attract").ids.scan_button)
    ui.wait_screen("scan")
    zh_hint = ui.screen("scan").ids.hint.text
    ui.tap(ui.chrome.lang_button)
    ui.wait_for(lambda: app.rendered.language == "en", "English")
    assert ui.screen("scan").ids.hint.text == app.translator.t("scan.qr.hint", "en") != zh_hint
