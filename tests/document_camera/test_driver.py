"""The OpenCV document camera end to end from an image folder and from an MJPG video file."""
import threading

import cv2
import numpy as np
import pytest

from drivers.base import DeviceState, HalError
from drivers.document_camera.base import PAGE_CAPTURED, PAGE_DETECTED
from drivers.document_camera.geometry import order_corners
from drivers.registry import build_driver


@pytest.fixture(scope="module")
def frames(synth):
    sample = synth.make_sample(9200, "dark", fmt="A4", effects=())
    desk = synth._background(np.random.default_rng(1), "dark").astype(np.uint8)
    return sample, [desk, desk] + [sample.image] * 8


def _run_camera(source, truth):
    cam = build_driver("document_camera", "opencv", {"source": source, "fps": 30, "loop": True,
                                                     "steady_frames": 4, "event_interval": 0.0})
    events = []
    seen_capture = threading.Event()

    def listen(ev):
        events.append(ev)
        if ev.kind == PAGE_CAPTURED:
            seen_capture.set()
    cam.add_listener(listen)
    cam.start()
    try:
        page = cam.capture(timeout=60).result(timeout=70)
        assert seen_capture.wait(5)
        assert cam.status().state == DeviceState.ONLINE
        assert cam.latest_frame() is not None and cam.latest_frame().shape == (1080, 1920, 3)
        diag = cam.diagnostics()
    finally:
        cam.stop()
    assert page.format == "A4" and page.image.shape[:2] == (2339, 1654)
    assert float(np.abs(order_corners(np.array(page.corners)) - order_corners(truth)).max()) < 10
    # cleaned paper is white, and there is ink on it
    assert np.median(page.image) > 230 and page.image.min() < 80
    detected = [e for e in events if e.kind == PAGE_DETECTED]
    assert any(e.data["corners"] is None and e.data["hint"] == "no_page" for e in detected)
    assert any(e.data["corners"] is not None for e in detected)
    assert diag["pages_captured"] >= 1 and diag["frames_processed"] >= 5


def test_from_image_folder(frames, tmp_path):
    sample, imgs = frames
    for i, img in enumerate(imgs):
        cv2.imwrite(str(tmp_path / f"f{i:03d}.jpg"), img)
    _run_camera(str(tmp_path), sample.corners)


def test_from_mjpg_video(frames, tmp_path):
    sample, imgs = frames
    path = tmp_path / "plate.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, (1920, 1080))
    for img in imgs:
        writer.write(img)
    writer.release()
    _run_camera(str(path), sample.corners)


def test_missing_source_option_is_a_hal_error():
    with pytest.raises(HalError):
        build_driver("document_camera", "opencv", {})
