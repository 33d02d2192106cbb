"""The OpenCV QR camera end to end: an MJPG .avi as the camera, events, status, preview frame."""
from __future__ import annotations

import queue
import time
from pathlib import Path

import cv2
import pytest

from drivers.base import DeviceState, HalError
from drivers.qr_camera.base import CODE_SCANNED
from drivers.registry import build_driver
from qr_frames import render_code

SIZE = (640, 360)
CODES = ["OTK1 取件码 A001", "回执 R-2024-0042"]


def write_video(path: Path, frames_per_code: int = 8) -> None:
    """Blank frames, then each code held for a few frames, then blank again."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 20.0, SIZE)
    assert writer.isOpened()
    blank = render_code("x", size=SIZE) * 0 + 90
    for _ in range(3):
        writer.write(blank)
    for i, text in enumerate(CODES):
        for k in range(frames_per_code):
            # The hand moves a little between frames, as it would in front of a real camera.
            writer.write(render_code(text, module_px=4, angle_deg=5 * k,
                                     center=(320 + 3 * k, 180), size=SIZE, seed=k))
        for _ in range(3):
            writer.write(blank)
    writer.release()


@pytest.fixture
def camera_events(tmp_path):
    video = tmp_path / "qr.avi"
    write_video(video)
    events: "queue.Queue" = queue.Queue()
    cam = build_driver("qr_camera", "opencv", {"source": str(video), "fps": 15,
                                               "decode_fps": 30, "loop": False})
    cam.add_listener(events.put)
    cam.set_scanning(True)
    cam.start()
    try:
        yield cam, events
    finally:
        cam.stop()


def _drain_until_capture_stops(cam, events, timeout=30.0) -> list:
    got = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            got.append(events.get(timeout=0.2))
        except queue.Empty:
            caught_up = not cam.scanning or cam._last_counter == cam.latest_frame_counter()
            if cam._capture.state == "stopped" and caught_up:
                break
    return got


def test_each_code_reported_once_in_order(camera_events):
    cam, events = camera_events
    got = _drain_until_capture_stops(cam, events)
    scanned = [e for e in got if e.kind == CODE_SCANNED]
    assert [e.data["text"] for e in scanned] == CODES
    assert scanned[0].data["raw"] == CODES[0].encode("utf-8")
    states = [e.data["status"].state for e in got if e.kind == "status"]
    assert DeviceState.ONLINE in states
    diag = cam.diagnostics()
    assert diag["codes_reported"] == 2
    assert diag["frames_decoded"] >= 2
    assert "取件码" not in str(diag)  # decoded contents never reach diagnostics
    frame = cam.latest_frame()
    assert frame is not None and frame.shape == (SIZE[1], SIZE[0], 3)


def test_not_scanning_reports_nothing(tmp_path):
    video = tmp_path / "qr.avi"
    write_video(video, frames_per_code=4)
    events: "queue.Queue" = queue.Queue()
    cam = build_driver("qr_camera", "opencv", {"source": str(video), "fps": 30, "loop": False})
    cam.add_listener(events.put)
    cam.start()
    try:
        got = _drain_until_capture_stops(cam, events)
    finally:
        cam.stop()
    assert not [e for e in got if e.kind == CODE_SCANNED]
    assert cam.latest_frame() is not None  # the preview still runs


def test_missing_source_is_a_visible_state(tmp_path):
    events: "queue.Queue" = queue.Queue()
    cam = build_driver("qr_camera", "opencv", {"source": str(tmp_path / "none.avi")})
    cam.add_listener(events.put)
    cam.start()
    try:
        deadline = time.monotonic() + 10
        while cam.status().state != DeviceState.NO_DEVICE and time.monotonic() < deadline:
            time.sleep(0.02)
        assert cam.status().state == DeviceState.NO_DEVICE
        errors = []
        while not events.empty():
            e = events.get()
            if e.kind == "error":
                errors.append(e)
        assert [e.code for e in errors] == ["camera_lost"]
    finally:
        cam.stop()
    assert cam.status().state == DeviceState.OFFLINE


def test_factory_requires_a_source():
    with pytest.raises(HalError) as info:
        build_driver("qr_camera", "opencv", {})
    assert info.value.code == "no_source"
