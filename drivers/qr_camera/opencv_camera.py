"""QR camera over OpenCV capture: decodes the newest frame on the worker thread at a bounded rate."""
from __future__ import annotations

import statistics
import threading
import time
from collections import deque
from typing import Any, Callable, Mapping

import numpy as np

from drivers.base import HalError, RecommendedAction
from drivers.camera_worker import OpenCvCameraWorker
from drivers.events import CodeScanned
from drivers.qr_camera.burst import DEFAULT_MAX_MS, FrameDecoder
from drivers.qr_camera.dedupe import CodeDeduper


class OpenCvQrCamera(OpenCvCameraWorker):
    """A QR camera: the shared camera worker, FrameDecoder on its thread, one event per code.

    Options: source (device path/index, video file, image folder or glob), fps (capture pacing for
    files), decode_fps (how often a frame is decoded, default 10), dedupe_s (seconds a code must
    be out of view before it is reported again, default 3), budget_ms (cap on one frame's decode,
    default 60), loop (files only). FrameDecoder (burst.py) replaced QrDecoder after reading more
    on the held-out generator (bench/QR_CONDITIONS.md, section 6).
    """

    device_class = "qr_camera"
    lost_message = ("The QR camera is not sending pictures (unplugged?); "
                    "reconnecting automatically")

    def __init__(self, name: str, options: Mapping[str, Any],
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(name, options, clock)
        self.poll_interval = 1.0 / max(0.5, float(options.get("decode_fps", 10.0)))
        self._decoder = FrameDecoder(max_ms=float(options.get("budget_ms", DEFAULT_MAX_MS)))
        self._deduper = CodeDeduper(float(options.get("dedupe_s", 3.0)), clock=clock)
        self._scanning = threading.Event()
        self._reset_dedupe = threading.Event()
        self._last_counter = 0
        self._frames_decoded = 0
        self._codes_reported = 0
        self._decode_ms: deque[float] = deque(maxlen=100)

    # --- contract ---------------------------------------------------------------------------
    def capabilities(self) -> Mapping[str, Any]:
        return {"symbologies": ["qr", "micro_qr"], "source": self._capture.describe_source(),
                "decode_fps": round(1.0 / self.poll_interval, 2), "preview": True}

    def _camera_poll(self) -> None:
        if self._reset_dedupe.is_set():
            self._reset_dedupe.clear()
            self._deduper.reset()
            self._decoder.reset()  # a new scan: forget the last code's region and frames
        if not self._scanning.is_set():
            return
        latest = self._capture.latest()
        if latest is None or latest[0] == self._last_counter:
            return
        self._last_counter, frame = latest
        self.decode_and_report(frame)

    def _camera_diagnostics(self) -> dict[str, Any]:
        # Never the decoded contents: a code can carry personal data.
        ms = list(self._decode_ms)
        return {"frames_decoded": self._frames_decoded, "codes_reported": self._codes_reported,
                "scanning": self.scanning,
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
                self.emit(CodeScanned(self.name, text=code.text, raw=code.raw))
        return reported


def make(name: str, options: Mapping[str, Any]) -> OpenCvQrCamera:
    """Factory used by the driver registry (config driver name "opencv")."""
    if "source" not in options:
        raise HalError("no_source", "qr_camera: no camera source configured",
                       RecommendedAction.CALL_STAFF)
    return OpenCvQrCamera(name, options)
