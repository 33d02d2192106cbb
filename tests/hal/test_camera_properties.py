"""Optional camera properties degrade, never lose: a camera that refuses one still gives frames.

There is no V4L2 device in CI (and no v4l2loopback module in a container), so the camera below is
a stand-in object with the three methods OpenCV's VideoCapture offers; everything else is real.
"""
from __future__ import annotations

import cv2
import numpy as np

from drivers import camera_capture as cc

YUYV = cv2.VideoWriter_fourcc(*"YUYV")


class StandInCamera:
    """A camera that takes only the properties in `takes`; others keep the camera's own value."""

    def __init__(self, takes=("fourcc", "fps", "buffer_size"), fps_given=None, raises=()):
        self.values = {cv2.CAP_PROP_FOURCC: YUYV, cv2.CAP_PROP_FPS: 30.0,
                       cv2.CAP_PROP_BUFFERSIZE: 4, cv2.CAP_PROP_FRAME_WIDTH: 1280,
                       cv2.CAP_PROP_FRAME_HEIGHT: 720}
        names = {"fourcc": cv2.CAP_PROP_FOURCC, "fps": cv2.CAP_PROP_FPS,
                 "buffer_size": cv2.CAP_PROP_BUFFERSIZE}
        self.takes = {names[n] for n in takes}
        self.raises = {names[n] for n in raises}
        self.fps_given = fps_given
        self.released = False

    def isOpened(self):
        return True

    def set(self, prop, value):
        if prop in self.raises:
            raise cv2.error("VIDIOC_S_PARM: Inappropriate ioctl for device")
        if prop not in self.takes:
            return False
        self.values[prop] = self.fps_given if prop == cv2.CAP_PROP_FPS and self.fps_given else value
        return True

    def get(self, prop):
        return self.values.get(prop, 0.0)

    def read(self):
        return True, np.zeros((720, 1280, 3), np.uint8)

    def release(self):
        self.released = True


def test_a_camera_that_takes_everything_reports_nothing_missing():
    assert cc.apply_optional_properties(StandInCamera(), 30) == {}


def test_mjpg_refused_is_reported_with_what_the_camera_gives():
    missing = cc.apply_optional_properties(StandInCamera(takes=("fps", "buffer_size")), 30)
    assert set(missing) == {"fourcc"}
    assert "MJPG refused" in missing["fourcc"] and "YUYV" in missing["fourcc"]


def test_a_frame_rate_accepted_but_not_given_is_reported():
    missing = cc.apply_optional_properties(StandInCamera(fps_given=15.0), 30)
    assert set(missing) == {"fps"} and "30 fps refused" in missing["fps"] and "15" in missing["fps"]


def test_a_property_whose_ioctl_fails_is_missing_not_fatal():
    missing = cc.apply_optional_properties(StandInCamera(raises=("buffer_size",)), None)
    assert set(missing) == {"buffer_size"} and "Inappropriate ioctl" in missing["buffer_size"]


def test_no_frame_rate_asked_means_none_checked():
    assert "fps" not in cc.apply_optional_properties(StandInCamera(takes=()), None)


def test_device_source_opens_and_reads_from_a_camera_refusing_every_option():
    cam = StandInCamera(takes=())
    source = cc._DeviceSource("/dev/video9", 30, open_capture=lambda *_a: cam)
    assert set(source.missing) == {"fourcc", "fps", "buffer_size"}
    frame = source.read()
    assert frame is not None and frame.shape == (720, 1280, 3)
    assert "YUYV 1280x720" in source.describe()


def test_file_sources_report_no_missing_properties_in_diagnostics(tmp_path):
    from drivers.registry import build_driver
    path = tmp_path / "page.png"
    cv2.imwrite(str(path), np.full((480, 640, 3), 200, np.uint8))
    drv = build_driver("document_camera", "opencv", {"source": str(path), "fps": 5})
    drv.start()
    try:
        from testkit.waiting import wait_for
        wait_for(lambda: drv.diagnostics().get("frames_captured", 0) > 0, "a frame from the file")
        assert drv.diagnostics()["missing_properties"] == {}
    finally:
        drv.stop()
