"""The one worker both OpenCV cameras share: capture thread, state handover, preview, diagnostics."""
from __future__ import annotations

import queue
import time
from typing import Any, Callable, Mapping

import numpy as np

from drivers.base import DeviceState, DeviceWorker, HalError, RecommendedAction
from drivers.camera_capture import LOST, OPENING, RUNNING, STOPPED, CaptureThread

_STATE_MAP = {
    OPENING: DeviceState.OFFLINE,
    RUNNING: DeviceState.ONLINE,
    LOST: DeviceState.NO_DEVICE,
    STOPPED: DeviceState.OFFLINE,
}


class OpenCvCameraWorker(DeviceWorker):
    """Base of the OpenCV cameras: `OpenCvXxxCamera(name, options, clock)`.

    A CaptureThread reads the source (V4L2 device, video file or image folder) and reopens it
    with backoff; its state changes are handed over to this worker thread, so every event of a
    camera is emitted on `hal-<name>`. Subclasses implement `_camera_poll()`.
    Options: source (required), fps, loop, reopen_after_failures.
    """

    lost_message = "The camera is not sending pictures (unplugged?); reconnecting automatically."

    def __init__(self, name: str, options: Mapping[str, Any],
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(name)
        if "source" not in options:
            raise HalError("no_source", f"{self.device_class}: no camera source configured",
                           RecommendedAction.CALL_STAFF)
        self.options = dict(options)
        self._clock = clock
        self._capture = CaptureThread(
            options["source"], fps=options.get("fps"), loop=bool(options.get("loop", True)),
            on_state=self._on_capture_state,
            reopen_after_failures=int(options.get("reopen_after_failures", 5)))
        self._capture_changes: "queue.Queue[tuple[str, str]]" = queue.Queue()

    # --- lifecycle on the worker thread -----------------------------------------------------
    def _open(self) -> None:
        self._capture.start()

    def _close(self) -> None:
        self._capture.stop()

    def _poll(self) -> None:
        self._apply_capture_changes()
        self._camera_poll()

    def _camera_poll(self) -> None:
        """Per-class work on new frames (worker thread)."""

    def _camera_diagnostics(self) -> dict[str, Any]:
        """Per-class diagnostics, redacted (never frame data or decoded contents)."""
        return {}

    def _diagnostics(self) -> dict[str, Any]:
        return {"source": self._capture.describe_source(), "capture_state": self._capture.state,
                "capture_detail": self._capture.detail,
                "frames_captured": self.latest_frame_counter(),
                "reopen_count": self._capture.reopen_count,
                "missing_properties": dict(self._capture.missing), **self._camera_diagnostics()}

    # --- preview --------------------------------------------------------------------------
    def latest_frame(self) -> np.ndarray | None:
        """The newest BGR frame for the preview (shared; do not modify it), or None."""
        latest = self._capture.latest()
        return None if latest is None else latest[1]

    def latest_frame_counter(self) -> int:
        """Counter of the newest frame, so a preview can skip re-uploading the same one."""
        latest = self._capture.latest()
        return 0 if latest is None else latest[0]

    # --- capture state, handed over from the capture thread ----------------------------------
    def _on_capture_state(self, state: str, detail: str) -> None:
        self._capture_changes.put((state, detail))  # capture thread: never emit from here

    def _apply_capture_changes(self) -> None:
        while True:
            try:
                state, detail = self._capture_changes.get_nowait()
            except queue.Empty:
                return
            was_lost = self.status().state == DeviceState.NO_DEVICE
            self.set_status(_STATE_MAP.get(state, DeviceState.HARDWARE_ERROR), detail=detail)
            if state == LOST and not was_lost:  # once per loss, not once per retry
                self.emit_error(HalError("camera_lost", self.lost_message,
                                         RecommendedAction.CALL_STAFF))
