"""In-process document-camera simulator: scripted pages laid on a desk, captured like the real one."""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from drivers.base import CancelToken, CommandHandle, DeviceState, DeviceWorker, MediaState
from drivers.document_camera import page_image, quality
from drivers.document_camera.base import CapturedPage
from drivers.events import MediaTaken, PageCaptured, PageDetected
from drivers.sim_script import ScriptedSimulator, is_text, one_of


STRAIGHTENED_KEPT = 2  # the default script lays two kinds (a form, a letter): both stay cached


def _is_image_file(value: Any) -> bool:
    return is_text(value) and Path(value).is_file()


class SimulatedDocumentCamera(ScriptedSimulator, DeviceWorker):
    """Document camera whose picture is a generated desk; script steps (or `lay_page`) put pages on it.

    A laid page is reported as the real driver does: PAGE_DETECTED "hold_still", then after
    `settle_s` PAGE_DETECTED "ok" and PAGE_CAPTURED with a CapturedPage of the same format, size
    and colour as the real camera's. All events go out on this worker thread.
    """

    device_class = "document_camera"
    ACTIONS = {
        "lay_page": {"page": (one_of(*page_image.PAGE_KINDS),
                              "one of " + ", ".join(page_image.PAGE_KINDS), False),
                     "image": (_is_image_file, "an existing image file", False)},
        "take_page": {},
    }
    # The default profile's photograph screen is never a dead end: a form, then a letter.
    DEFAULT_SCRIPT = [{"wait": 3, "do": "lay_page", "page": "form"},
                      {"wait": 4, "do": "take_page"},
                      {"wait": 2, "do": "lay_page", "page": "letter"},
                      {"wait": 4, "do": "take_page"}]
    DEFAULT_LOOP = True

    def __init__(self, name: str = "document_camera", options: Mapping[str, Any] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(name)
        options = {"script": []} if options is None else dict(options)
        self._setup_script(options, clock)
        self.poll_interval = self.script_poll
        self.dpi = int(options.get("dpi", 200))
        self.settle_s = float(options.get("settle_s", 0.5))
        self._clock = clock
        self._lock = threading.Lock()
        self._frame = page_image.empty_desk()
        self._counter = 1
        self._corners: np.ndarray | None = None
        self._laid_at: float | None = None  # set while a laid page waits to settle
        self._last_page: CapturedPage | None = None  # the newest capture only: a camera keeps no album
        self._laid = ""  # what lies on the plate: a page kind or an image path
        self._flat: np.ndarray | None = None
        self._straightened: dict[str, tuple[Any, str]] = {}  # laid -> (image, format), reused
        self.pages_captured = 0

    def capabilities(self) -> Mapping[str, Any]:
        return {"formats": ["A4", "A5", "ID-1"], "auto_capture": True, "dpi": self.dpi,
                "preview": True, "simulated": True}

    def initial_media(self) -> MediaState:
        return MediaState.ABSENT

    def _open(self) -> None:
        self.player.restart()
        self.set_status(DeviceState.ONLINE, detail="simulated")

    def _poll(self) -> None:
        self._play_due()
        self._settle()

    def _diagnostics(self) -> dict[str, Any]:
        return {"frames_captured": self._counter, "pages_captured": self.pages_captured,
                "script_steps": len(self.player.steps), "script_paused": self.player.paused}

    # --- public -----------------------------------------------------------------------------
    def latest_frame(self) -> np.ndarray:
        """The newest camera frame (BGR) for the preview; never blocks."""
        with self._lock:
            return self._frame

    def latest_frame_counter(self) -> int:
        """Counter of the newest frame, so a preview can skip re-uploading the same one."""
        with self._lock:
            return self._counter

    def capture(self, timeout: float = 20.0) -> CommandHandle[CapturedPage]:
        """Resolve with the next page captured after this call (the page in view counts)."""
        def run(token: CancelToken) -> CapturedPage:
            seen = self.pages_captured
            if self._corners is not None and self._laid_at is None:
                return self._capture_now()
            while self.pages_captured == seen:
                token.sleep(0.02)
                self._play_due()
                self._settle()
            return self._last_page
        return self.submit("capture", run, timeout)

    def lay_page(self, kind: str = "form", image: str | None = None) -> None:
        """By hand (tests, dev tools): lay a page on the plate; the script stops."""
        self.do_by_hand("lay_page", **({"image": image} if image else {"page": kind}))

    def take_page(self) -> None:
        """By hand: take the page off the plate; the script stops."""
        self.do_by_hand("take_page")

    # --- script actions (worker thread) --------------------------------------------------------
    def _do_lay_page(self, page: str = "form", image: str = "") -> None:
        flat = page_image.from_file(image) if image else page_image.page(page)
        corners = page_image.corners_for("file" if image else page, flat)
        self._laid = image or page
        self._flat = flat
        self._show(page_image.on_desk(flat, corners), corners)
        self._laid_at = self._clock()
        self.set_status(media=MediaState.PRESENT)
        self.emit(PageDetected(self.name, corners=corners.round(1).tolist(),
                               hint=quality.HOLD_STILL))

    def _do_take_page(self) -> None:
        had_page = self._corners is not None
        self._show(page_image.empty_desk(), None)
        self._laid_at = None
        self.set_status(media=MediaState.ABSENT)
        self.emit(PageDetected(self.name, corners=None, hint=quality.NO_PAGE))
        if had_page:
            self.emit(MediaTaken(self.name))

    def _show(self, frame: np.ndarray, corners: np.ndarray | None) -> None:
        with self._lock:
            self._frame, self._corners = frame, corners
            self._counter += 1

    def _settle(self) -> None:
        if self._laid_at is None or self._clock() - self._laid_at < self.settle_s:
            return
        self._laid_at = None
        self.emit(PageDetected(self.name, corners=self._corners.round(1).tolist(),
                               hint=quality.OK))
        self._capture_now()

    def _capture_now(self) -> CapturedPage:
        with self._lock:
            frame, corners, frame_no = self._frame, self._corners, self._counter
        if self._laid not in self._straightened:  # the same page laid again looks the same
            while len(self._straightened) >= STRAIGHTENED_KEPT:  # ~4 MB each: keep a few, oldest out
                del self._straightened[next(iter(self._straightened))]
            self._straightened[self._laid] = page_image.straightened(self._flat, corners, self.dpi)
        image, fmt = self._straightened[self._laid]
        image = image.copy()  # each capture owns its pixels, as with the real camera
        result = CapturedPage(image, fmt, self.dpi, corners.round(2).tolist(), frame_no)
        self._last_page = result
        self.pages_captured += 1
        self.emit(PageCaptured(self.name, image=image, format=fmt, dpi=self.dpi,
                               corners=result.corners, quality=quality.OK, page=result))
        return result


def check_options(options: Mapping[str, Any]) -> None:
    """Start-up check of the options (raises ScriptError on a bad script)."""
    from drivers.sim_script import check_options as check
    check(SimulatedDocumentCamera, options)


def make(name: str, options: Mapping[str, Any]) -> SimulatedDocumentCamera:
    """Factory used by the driver registry."""
    return SimulatedDocumentCamera(name, options)
