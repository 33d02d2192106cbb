"""QR camera over OpenCV capture: decodes the newest frame on the worker thread at a bounded rate."""
from __future__ import annotations

import queue
import statistics
import threading
import time
from collections import deque
from typing import Any, Mapping

import numpy as np

from drivers.base import DeviceState, DeviceWorker, HalError, RecommendedAction
from drivers.camera_capture import LOST, OPENING, RUNNING, STOPPED, CaptureThread
from drivers.qr_camera.base import CODE_SCANNED
from drivers.qr_camera.burst import DEFAULT_MAX_MS, FrameDecoder
from drivers.qr_camera.dedupe import CodeDeduper

_STATE_MAP = {
    OPENING: DeviceState.OFFLINE,
    RUNNING: DeviceState.ONLINE,
    LOST: DeviceState.NO_DEVICE,
    STOPPED: DeviceState.OFFLINE,
}


class OpenCvQrCamera(DeviceWorker):
    """A QR camera: CaptureThread for frames, FrameDecoder on the worker thread, one event per code.

    Options: source (device path/index, video file, image folder or glob), fps (capture pacing for
    files), decode_fps (how often a frame is decoded, default 10), dedupe_s (seconds a code must
    be out of view before it is reported again, default 3), budget_ms (cap on one frame's
    fallbacks; on average decoding costs about 2x zxing-cpp alone), loop (files only).
    """

    device_class = "qr_camera"

    def __init__(self, name: str, source: str | int, *, fps: float | None = None,
                 decode_fps: float = 10.0, dedupe_s: float = 3.0,
                 budget_ms: float = DEFAULT_MAX_MS, loop: bool = True,
                 reopen_after_failures: int = 5) -> None:
        super().__init__(name)
        self.poll_interval = 1.0 / max(0.5, decode_fps)
        self._source = source
        self._capture = CaptureThread(source, fps=fps, loop=loop, on_state=self._on_capture_state,
                                      reopen_after_failures=reopen_after_failures)
        self._decoder = FrameDecoder(max_ms=budget_ms)
        self._deduper = CodeDeduper(dedupe_s)
        self._scanning = threading.Event()
        self._reset_dedupe = threading.Event()
        self._last_counter = 0
        self._frames_decoded = 0
        self._codes_reported = 0
        self._decode_ms: deque[float] = deque(maxlen=100)
        self._capture_changes: "queue.Queue[tuple[str, str]]" = queue.Queue()

    # --- contract ---------------------------------------------------------------------------
    def capabilities(self) -> Mapping[str, Any]:
        return {"symbologies": ["qr", "micro_qr"], "source": self._capture.describe_source(),
                "decode_fps": round(1.0 / self.poll_interval, 2), "preview": True}

    def _open(self) -> None:
        self._capture.start()

    def _close(self) -> None:
        self._capture.stop()

    def _poll(self) -> None:
        self._apply_capture_changes()
        if self._reset_dedupe.is_set():
            self._reset_dedupe.clear()
            self._deduper.reset()
            self._decoder.reset()
        if not self._scanning.is_set():
            return
        latest = self._capture.latest()
        if latest is None or latest[0] == self._last_counter:
            return
        self._last_counter, frame = latest
        self.decode_and_report(frame)

    def _diagnostics(self) -> dict[str, Any]:
        # Never the decoded contents: a code can carry personal data.
        ms = list(self._decode_ms)
        return {"capture_state": self._capture.state, "capture_detail": self._capture.detail,
                "frames_captured": self._last_counter_seen(),
                "frames_decoded": self._frames_decoded, "codes_reported": self._codes_reported,
                "reopen_count": self._capture.reopen_count, "scanning": self.scanning,
                "median_decode_ms": round(statistics.median(ms), 2) if ms else None}

    # --- public -----------------------------------------------------------------------------
    @property
    def scanning(self) -> bool:
        """True while frames are being decoded."""
        return self._scanning.is_set()

    def set_scanning(self, on: bool) -> None:
        """Turn decoding on or off; turning it on again lets the same code be reported anew."""
        if on and not self._scanning.is_set():
            self._reset_dedupe.set()
        (self._scanning.set if on else self._scanning.clear)()

    def latest_frame(self) -> np.ndarray | None:
        """The newest BGR frame for the preview (shared; do not modify it), or None."""
        latest = self._capture.latest()
        return None if latest is None else latest[1]

    def latest_frame_counter(self) -> int:
        """Counter of the newest frame, so a preview can skip re-uploading the same one."""
        return self._last_counter_seen()

    def decode_and_report(self, frame: np.ndarray) -> list[str]:
        """Decode one frame and emit CODE_SCANNED for each new code (worker thread only)."""
        start = time.perf_counter()
        found = self._decoder.feed(frame)
        self._decode_ms.append((time.perf_counter() - start) * 1000.0)
        self._frames_decoded += 1
        reported = []
        for code in found:
            if self._deduper.is_new(code.raw):
                self._codes_reported += 1
                reported.append(code.text)
                self.emit(CODE_SCANNED, text=code.text, raw=code.raw)
        return reported

    # --- internals --------------------------------------------------------------------------
    def _last_counter_seen(self) -> int:
        latest = self._capture.latest()
        return 0 if latest is None else latest[0]

    def _on_capture_state(self, state: str, detail: str) -> None:
        # Called on the capture thread: hand over to the worker thread, where listeners run.
        self._capture_changes.put((state, detail))

    def _apply_capture_changes(self) -> None:
        while True:
            try:
                state, detail = self._capture_changes.get_nowait()
            except queue.Empty:
                return
            self._apply_capture_state(state, detail)

    def _apply_capture_state(self, state: str, detail: str) -> None:
        was_lost = self.status().state == DeviceState.NO_DEVICE
        self.set_status(_STATE_MAP.get(state, DeviceState.HARDWARE_ERROR), detail=detail)
        if state == LOST and not was_lost:  # once per loss, not once per retry
            self.emit_error(HalError(
                "camera_lost", "The QR camera is not sending pictures (unplugged?); "
                "reconnecting automatically", RecommendedAction.CALL_STAFF))


def make(name: str, options: Mapping[str, Any]) -> OpenCvQrCamera:
    """Factory used by the driver registry (config driver name "opencv")."""
    if "source" not in options:
        raise HalError("no_source", "qr_camera: no camera source configured",
                       RecommendedAction.CALL_STAFF)
    kwargs = {k: options[k] for k in ("fps", "decode_fps", "dedupe_s", "budget_ms", "loop",
                                      "reopen_after_failures") if k in options}
    return OpenCvQrCamera(name, options["source"], **kwargs)
