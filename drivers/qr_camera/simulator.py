"""In-process QR-camera simulator: a scripted desk that shows codes, read by the real decoder."""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Mapping

import numpy as np

from drivers.base import DeviceState, DeviceWorker
from drivers.events import CodeScanned
from drivers.qr_camera import sim_frames
from drivers.qr_camera.decode import QrDecoder
from drivers.sim_script import ScriptedSimulator, is_text, one_of

log = logging.getLogger(__name__)

CODE_KINDS = ("pickup", "receipt", "eid", "foreign")
FOREIGN_CODE = "https://example.com/pay?order=20240518-0042"  # someone else's code


class SimulatedQrCamera(ScriptedSimulator, DeviceWorker):
    """QR camera whose picture is a generated desk; script steps (or `show_code`) put codes on it.

    Frames go through the same QrDecoder as the OpenCV camera, on this worker thread, so a code
    the decoder cannot read is not reported. The kiosk's own signed codes come from a code maker
    the core injects (`set_code_maker`); drivers never hold the signing key.
    """

    device_class = "qr_camera"
    ACTIONS = {
        "show_code": {"code": (one_of(*CODE_KINDS), "one of " + ", ".join(CODE_KINDS), False),
                      "text": (is_text, "the text to encode (instead of code)", False)},
        "clear": {},
    }
    # The default profile's QR screen is never a dead end: the resident's phone shows, in turn,
    # a pickup code, someone else's code and a receipt code, with an empty desk in between.
    DEFAULT_SCRIPT = [{"wait": 3, "do": "show_code", "code": "pickup"}, {"wait": 4, "do": "clear"},
                      {"wait": 3, "do": "show_code", "code": "foreign"}, {"wait": 4, "do": "clear"},
                      {"wait": 3, "do": "show_code", "code": "receipt"}, {"wait": 4, "do": "clear"}]
    DEFAULT_LOOP = True

    def __init__(self, name: str = "qr_camera", options: Mapping[str, Any] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(name)
        options = {"script": []} if options is None else dict(options)
        self._setup_script(options, clock)
        self.poll_interval = self.script_poll  # decode codes shown by hand too
        self._decoder = QrDecoder()
        self._scanning = threading.Event()
        self._frame_lock = threading.Lock()
        self._frame: np.ndarray | None = None  # the desk, made on the worker (see _open)
        self._counter = 1
        self._decoded_counter = 0
        self._code_maker: Callable[[str], str] | None = None
        self.codes_reported = 0
        self.showing = ""  # "", a code kind, or "text"

    def capabilities(self) -> Mapping[str, Any]:
        return {"symbologies": ["qr", "micro_qr"], "preview": True, "simulated": True}

    def _open(self) -> None:
        self.latest_frame()  # the desk picture (~0.2 s with OpenCV's import): not at start-up
        self.player.restart()
        self.set_status(DeviceState.ONLINE, detail="simulated")

    def _poll(self) -> None:
        self._play_due()
        self._decode_if_new()

    def _diagnostics(self) -> dict[str, Any]:
        return {"scanning": self.scanning, "frames_captured": self._counter,
                "codes_reported": self.codes_reported, "script_steps": len(self.player.steps),
                "script_paused": self.player.paused}

    # --- public -----------------------------------------------------------------------------
    @property
    def scanning(self) -> bool:
        """True while frames are being decoded."""
        return self._scanning.is_set()

    def set_scanning(self, on: bool) -> None:
        """Turn decoding on or off; turning it on reads the code in view again."""
        if on and not self._scanning.is_set():
            with self._frame_lock:
                self._decoded_counter = 0
        (self._scanning.set if on else self._scanning.clear)()

    def set_code_maker(self, maker: Callable[[str], str]) -> None:
        """Install maker(kind) -> QR text for the kiosk's own codes (pickup, receipt, eid)."""
        self._code_maker = maker

    def latest_frame(self) -> np.ndarray:
        """The newest BGR frame for the preview (shared; do not modify it)."""
        with self._frame_lock:
            if self._frame is None:  # not opened yet: the empty desk
                self._frame = sim_frames.desk()
            return self._frame

    def latest_frame_counter(self) -> int:
        """Counter of the newest frame, so a preview can skip re-uploading the same one."""
        with self._frame_lock:
            return self._counter

    def show_code(self, text: str) -> None:
        """By hand (tests, dev tools): hold a code with this text up; the script stops."""
        self.take_over()
        self._show(sim_frames.code_frame(text), "text")
        if self._thread is None:  # not started: decode here so a bare test still gets the event
            self._decode_if_new()

    def clear(self) -> None:
        """By hand: take the code away; the script stops."""
        self.take_over()
        self._do_clear()

    # --- script actions (worker thread) --------------------------------------------------------
    def _do_show_code(self, code: str = "", text: str = "") -> None:
        if not text:
            text = self._text_for(code)
            if not text:
                return
        self._show(sim_frames.code_frame(text), code or "text")

    def _do_clear(self) -> None:
        self._show(sim_frames.desk(), "")

    def _text_for(self, kind: str) -> str:
        if kind == "foreign":
            return FOREIGN_CODE
        if self._code_maker is None:
            log.warning("%s: no code maker installed; cannot show a %s code", self.name, kind)
            return ""
        try:
            return self._code_maker(kind)
        except (RuntimeError, ValueError) as exc:  # e.g. no signing key configured
            log.warning("%s: cannot make a %s code: %s", self.name, kind, exc)
            return ""

    def _show(self, frame: np.ndarray, what: str) -> None:
        with self._frame_lock:
            self._frame = frame
            self._counter += 1
        self.showing = what

    def _decode_if_new(self) -> None:
        if not self._scanning.is_set():
            return
        self.latest_frame()  # the desk, if nothing was shown yet
        with self._frame_lock:
            if self._decoded_counter == self._counter:
                return
            self._decoded_counter, frame = self._counter, self._frame
        for code in self._decoder.decode(frame):
            self.codes_reported += 1
            self.emit(CodeScanned(self.name, text=code.text, raw=code.raw))


def check_options(options: Mapping[str, Any]) -> None:
    """Start-up check of the options (raises ScriptError on a bad script)."""
    from drivers.sim_script import check_options as check
    check(SimulatedQrCamera, options)


def make(name: str, options: Mapping[str, Any]) -> SimulatedQrCamera:
    """Factory used by the driver registry."""
    return SimulatedQrCamera(name, options)
