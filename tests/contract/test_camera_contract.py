"""Camera contracts: the in-process simulators and the OpenCV cameras (fed from video/image
files) answer the same assertions: preview frames, typed events, CapturedPage, redaction."""
from __future__ import annotations

import numpy as np
import pytest

from drivers.base import DeviceState, MediaState
from drivers.document_camera.base import CapturedPage, DocumentCamera
from drivers.events import CodeScanned, PageCaptured
from drivers.qr_camera.base import QrCamera
from drivers.registry import build_driver
from testkit.recorder import EventRecorder
from testkit.waiting import wait_for
from tests.contract.contract_checks import (check_diagnostics_redacted, check_events_typed,
                                            check_status_vocabulary, check_stop_joins)
from testkit.camera_sources import page_photos, qr_video

CODE = "OTK1:R:R2024051800017X"  # any text: the contract is about reading it


def _qr(kind: str, tmp_path):
    if kind == "simulator":
        cam = build_driver("qr_camera", "simulator",
                           {"script": [{"do": "show_code", "text": CODE}], "script_loop": False})
    else:
        cam = build_driver("qr_camera", "opencv", {
            "source": str(qr_video(tmp_path / "codes.avi", [CODE])), "fps": 20, "loop": True})
    return cam


@pytest.mark.parametrize("kind", ["simulator", "opencv"])
def test_qr_camera_contract(kind, tmp_path):
    cam = _qr(kind, tmp_path)
    assert isinstance(cam, QrCamera)
    rec = EventRecorder()
    cam.add_listener(rec)
    cam.start()
    try:
        wait_for(lambda: cam.status().state == DeviceState.ONLINE, "online")
        check_status_vocabulary(cam.status(), {MediaState.NOT_SUPPORTED})
        wait_for(lambda: cam.latest_frame() is not None, "a preview frame")
        frame = cam.latest_frame()
        assert frame.ndim == 3 and frame.shape[2] == 3 and frame.dtype == np.uint8
        assert cam.latest_frame_counter() >= 1
        assert rec.of_type(CodeScanned) == []  # nothing before scanning is on
        cam.set_scanning(True)
        assert cam.scanning
        event = rec.wait_for(CodeScanned, limit_s=15)
        assert event.text == CODE and event.raw == CODE.encode()
        check_events_typed(rec, "qr_camera")
        check_diagnostics_redacted(cam.diagnostics(), [CODE, "R2024051800017"])
    finally:
        cam.set_scanning(False)
    check_stop_joins(cam)


def _doc(kind: str, tmp_path):
    if kind == "simulator":
        return build_driver("document_camera", "simulator",
                            {"script": [{"do": "lay_page", "page": "letter"}],
                             "script_loop": False, "settle_s": 0.2})
    return build_driver("document_camera", "opencv", {
        "source": str(page_photos(tmp_path / "pages")), "fps": 10, "loop": True,
        "steady_frames": 3})


@pytest.mark.parametrize("kind", ["simulator", "opencv"])
def test_document_camera_contract(kind, tmp_path):
    cam = _doc(kind, tmp_path)
    assert isinstance(cam, DocumentCamera)
    rec = EventRecorder()
    cam.add_listener(rec)
    cam.start()
    try:
        wait_for(lambda: cam.status().state == DeviceState.ONLINE, "online")
        captured = rec.wait_for(PageCaptured, limit_s=20)
        assert isinstance(captured.page, CapturedPage) and captured.page.image is captured.image
        page = cam.capture(20).result(25)  # the same type from the command
        assert isinstance(page, CapturedPage) and page.format == "A4" and page.dpi == 200
        h, w = page.image.shape[:2]
        assert h > w and len(page.corners) == 4
        check_status_vocabulary(cam.status(), {MediaState.PRESENT, MediaState.ABSENT})
        frame = cam.latest_frame()
        assert frame.ndim == 3 and frame.dtype == np.uint8 and cam.latest_frame_counter() >= 1
        check_events_typed(rec, "document_camera")
        check_diagnostics_redacted(cam.diagnostics(), [])
    finally:
        pass
    check_stop_joins(cam)


@pytest.mark.parametrize("kind", ["simulator", "opencv"])
def test_document_camera_capture_without_a_page_fails_with_a_hal_error(kind, tmp_path):
    from drivers.base import HalError
    from drivers.document_camera import page_image
    if kind == "simulator":
        cam = build_driver("document_camera", "simulator", {"script": []})
    else:
        import cv2
        folder = tmp_path / "empty"
        folder.mkdir()
        for i in range(3):
            cv2.imwrite(str(folder / f"{i}.png"), page_image.empty_desk())
        cam = build_driver("document_camera", "opencv", {"source": str(folder), "fps": 10})
    cam.start()
    try:
        with pytest.raises(HalError) as info:
            cam.capture(0.5).result(10)
        assert info.value.code == "timeout"
        wait_for(lambda: cam.status().media == MediaState.ABSENT, "nothing on the plate")
    finally:
        cam.stop()
