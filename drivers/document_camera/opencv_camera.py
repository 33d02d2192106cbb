"""OpenCV document camera: capture thread, page detection on the worker thread, auto-capture."""
from __future__ import annotations

import time
from typing import Any, Callable, Mapping

import numpy as np

from drivers.base import CancelToken, CommandHandle, MediaState
from drivers.camera_worker import OpenCvCameraWorker
from drivers.document_camera import quality, rectify
from drivers.document_camera.autocapture import AutoCapture
from drivers.document_camera.base import CapturedPage
from drivers.document_camera.detect import detect
from drivers.events import PageCaptured, PageDetected


class OpenCvDocumentCamera(OpenCvCameraWorker):
    """Document camera over a V4L2 device, a video file or an image folder (shared camera worker).

    Options: source (device path/index, video file, image folder), fps, loop, dpi, steady_frames,
    event_interval (seconds between PAGE_DETECTED events unless the hint changes), px_per_mm.
    """

    device_class = "document_camera"
    poll_interval = 0.005
    lost_message = "The document camera stopped sending pictures; reconnecting."

    def __init__(self, name: str, options: Mapping[str, Any],
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(name, options, clock)
        self.dpi = int(options.get("dpi", 200))
        self.event_interval = float(options.get("event_interval", 0.2))
        self.px_per_mm = options.get("px_per_mm")
        self._auto: AutoCapture | None = None
        self._last_frame_no = 0
        self._last_event = (-1e9, None)
        self.frames_processed = 0
        self.pages_captured = 0

    def capabilities(self) -> Mapping[str, Any]:
        return {"formats": ["A4", "A5", "ID-1"], "auto_capture": True, "dpi": self.dpi,
                "source": self._capture.describe_source(), "preview": True}

    def initial_media(self) -> MediaState:
        return MediaState.ABSENT

    def _camera_poll(self) -> None:
        self._step(0.05)

    # --- public -----------------------------------------------------------------------------
    def capture(self, timeout: float = 20.0) -> CommandHandle[CapturedPage]:
        """Resolve with the next page auto-captured after this call (the page in view counts)."""
        def run(token: CancelToken) -> CapturedPage:
            if self._auto is not None:
                self._auto.rearm()
            while True:
                token.check()
                page = self._step(0.1)
                if page is not None:
                    return page
        return self.submit("capture", run, timeout)

    # --- per-frame work -----------------------------------------------------------------------
    def _step(self, wait: float) -> CapturedPage | None:
        """Process the next new frame (waiting up to `wait` s); return a page if one was captured."""
        self._apply_capture_changes()
        got = self._capture.wait_frame(self._last_frame_no, wait)
        if got is None:
            return None
        frame_no, frame = got
        self._last_frame_no = frame_no
        return self.process_frame(frame, frame_no)

    def process_frame(self, frame: np.ndarray, frame_no: int) -> CapturedPage | None:
        """Detect, judge and maybe capture one frame; emits PAGE_DETECTED and PAGE_CAPTURED."""
        h, w = frame.shape[:2]
        if self._auto is None:
            self._auto = AutoCapture(float(np.hypot(w, h)),
                                     steady_frames=int(self.options.get("steady_frames", 6)))
        self.frames_processed += 1
        found = detect(frame)
        corners = None if found is None else found.corners
        hint = quality.frame_hint(corners, frame.shape)
        if hint == quality.OK:
            hint = quality.page_hint(rectify.warp_native(frame, corners))
        step = self._auto.update(corners, hint == quality.OK)
        if step.moving and hint == quality.OK:
            hint = quality.HOLD_STILL
        self.set_status(media=MediaState.ABSENT if corners is None else MediaState.PRESENT)
        self._maybe_emit_detected(corners, hint)
        if not step.fire:
            return None
        page, fmt = rectify.warp(frame, corners, dpi=self.dpi, px_per_mm=self.px_per_mm)
        page = rectify.clean(page, color=(fmt == "ID-1"))
        result = CapturedPage(page, fmt, self.dpi, corners.round(2).tolist(), frame_no)
        self.pages_captured += 1
        self.emit(PageCaptured(self.name, image=page, format=fmt, dpi=self.dpi,
                               corners=result.corners, quality=quality.OK, page=result))
        return result

    def _maybe_emit_detected(self, corners: np.ndarray | None, hint: str) -> None:
        now = self._clock()
        last_time, last_hint = self._last_event
        if hint == last_hint and now - last_time < self.event_interval:
            return
        self._last_event = (now, hint)
        self.emit(PageDetected(self.name, hint=hint,
                               corners=None if corners is None else corners.round(1).tolist()))

    def _camera_diagnostics(self) -> dict[str, Any]:
        return {"frames_processed": self.frames_processed, "pages_captured": self.pages_captured}


OpenCVDocumentCamera = OpenCvDocumentCamera  # the old spelling, kept for current imports


def make(name: str, options: Mapping[str, Any]) -> OpenCvDocumentCamera:
    """Factory used by the driver registry (config driver name "opencv")."""
    return OpenCvDocumentCamera(name, options)
