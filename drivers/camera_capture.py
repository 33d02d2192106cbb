"""One capture thread per camera: V4L2 device, video file or image folder, newest frame only."""
from __future__ import annotations

import glob
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Callable

# Both must be set before cv2 is first imported: a stalled V4L2 read then returns after a few
# seconds instead of hanging, and OpenCV stops printing warnings for every failed read.
os.environ.setdefault("OPENCV_VIDEOIO_V4L_SELECT_TIMEOUT", "2")
os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from drivers.reconnect import Backoff  # noqa: E402

log = logging.getLogger(__name__)

OPENING, RUNNING, LOST, STOPPED = "opening", "running", "lost", "stopped"
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff")
DEFAULT_FILE_FPS = 15.0


class _Source:
    """One opened frame source; read() returns a BGR frame, None on failure; `finished` at end."""

    finished = False
    missing: dict[str, str] = {}  # optional camera properties the source did not take, with why

    def read(self) -> np.ndarray | None:
        raise NotImplementedError

    def release(self) -> None:
        """Free the source."""

    def describe(self) -> str:
        return type(self).__name__


class _DeviceSource(_Source):
    """A V4L2 camera; the driver paces frames, MJPG is asked for so USB 2 can carry 720p."""

    def __init__(self, device: str | int, fps: float | None,
                 open_capture: Callable[..., Any] = cv2.VideoCapture) -> None:
        self._cap = open_capture(device, cv2.CAP_V4L2)
        if not self._cap.isOpened():
            self._cap.release()
            raise OSError(f"cannot open camera {device}")
        self.missing = apply_optional_properties(self._cap, fps)
        self._device = device

    def read(self) -> np.ndarray | None:
        ok, frame = self._cap.read()
        return frame if ok and frame is not None else None

    def release(self) -> None:
        self._cap.release()

    def describe(self) -> str:
        fourcc = _fourcc(self._cap.get(cv2.CAP_PROP_FOURCC))
        w = int(self._cap.get(cv2.CAP_PROP_FRAME_WIDTH))
        h = int(self._cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        return f"camera {self._device} {fourcc} {w}x{h}"


MJPG = cv2.VideoWriter_fourcc(*"MJPG")


def apply_optional_properties(cap: Any, fps: float | None) -> dict[str, str]:
    """Ask a camera for MJPG, the frame rate and a one-frame queue; return what it did not take.

    None of these is needed to see a frame: a camera that refuses one keeps working and the
    property is reported as missing with the reason (diagnostics), never as a failed open.
    """
    wanted: list[tuple[str, int, float, str]] = [
        ("fourcc", cv2.CAP_PROP_FOURCC, MJPG, "MJPG refused: raw frames, USB 2 may not carry 720p"),
        ("buffer_size", cv2.CAP_PROP_BUFFERSIZE, 1, "one-frame queue refused: frames lag a bit")]
    if fps:
        wanted.insert(1, ("fps", cv2.CAP_PROP_FPS, fps, f"{fps:g} fps refused"))
    missing: dict[str, str] = {}
    for name, prop, value, why in wanted:
        try:
            accepted = bool(cap.set(prop, value))
            got = cap.get(prop)
        except cv2.error as exc:
            accepted, got = False, None
            why = f"{why} ({str(exc).strip().splitlines()[-1][:80]})"
        if not accepted or got is None or (name != "buffer_size" and abs(got - value) > 0.5):
            shown = "unknown" if got is None else (f"{got:g}" if name != "fourcc" else _fourcc(got))
            missing[name] = f"{why}; the camera reports {shown}"
    if missing:
        log.warning("camera properties not taken: %s", "; ".join(missing.values()))
    return missing


def _fourcc(code: float) -> str:
    code = int(code)
    return "".join(chr((code >> (8 * i)) & 0xFF) for i in range(4)).strip("\x00") or "?"


class _Pacer:
    """Releases one frame every 1/fps seconds; waits on the stop event so stop() is prompt."""

    def __init__(self, fps: float, stop: threading.Event) -> None:
        self.period = 1.0 / fps
        self._stop = stop
        self._due = time.monotonic()

    def wait(self) -> None:
        now = time.monotonic()
        if self._due > now:
            self._stop.wait(self._due - now)
            now = time.monotonic()
        # After a stall, restart the schedule rather than replaying missed frames in a burst.
        self._due = max(self._due + self.period, now)


class _VideoFileSource(_Source):
    """A video file played at its own frame rate (or the one asked for), looping if asked."""

    def __init__(self, path: str, fps: float | None, loop: bool, stop: threading.Event) -> None:
        self._path, self._loop = path, loop
        self._cap = self._open()
        rate = fps or self._cap.get(cv2.CAP_PROP_FPS) or DEFAULT_FILE_FPS
        self._pacer = _Pacer(rate if 0 < rate < 240 else DEFAULT_FILE_FPS, stop)

    def _open(self) -> Any:
        if not os.path.isfile(self._path):
            raise OSError(f"no such video file {self._path}")
        cap = cv2.VideoCapture(self._path)
        if not cap.isOpened():
            cap.release()
            raise OSError(f"cannot open video file {self._path}")
        return cap

    def read(self) -> np.ndarray | None:
        self._pacer.wait()
        ok, frame = self._cap.read()
        if ok and frame is not None:
            return frame
        if not self._loop:
            self.finished = True
            return None
        # Reopen rather than seek: it notices a file that was replaced or removed.
        self._cap.release()
        try:
            self._cap = self._open()
        except OSError:
            self._cap = cv2.VideoCapture()
            return None
        ok, frame = self._cap.read()
        return frame if ok and frame is not None else None

    def release(self) -> None:
        self._cap.release()

    def describe(self) -> str:
        return f"video file {os.path.basename(self._path)} at {1.0 / self._pacer.period:g} fps"


class _ImageSequenceSource(_Source):
    """Images in a folder or matching a glob, in name order, paced to fps; re-listed each pass."""

    def __init__(self, pattern: str, fps: float | None, loop: bool, stop: threading.Event) -> None:
        self._pattern, self._loop = pattern, loop
        self._files = self._list()
        if not self._files:
            raise OSError(f"no images at {pattern}")
        self._index = 0
        self._pacer = _Pacer(fps or DEFAULT_FILE_FPS, stop)

    def _list(self) -> list[str]:
        if os.path.isdir(self._pattern):
            names = [str(p) for p in Path(self._pattern).iterdir()]
        else:
            names = glob.glob(self._pattern)
        return sorted(n for n in names if n.lower().endswith(IMAGE_EXTENSIONS))

    def read(self) -> np.ndarray | None:
        self._pacer.wait()
        if self._index >= len(self._files):
            if not self._loop:
                self.finished = True
                return None
            self._files, self._index = self._list(), 0
            if not self._files:
                return None
        path = self._files[self._index]
        self._index += 1
        return cv2.imread(path, cv2.IMREAD_COLOR)

    def describe(self) -> str:
        return f"{len(self._files)} images at {self._pattern}"


def _is_device(source: str | int) -> bool:
    return isinstance(source, int) or str(source).isdigit() or str(source).startswith("/dev/")


def _is_image_sequence(source: str) -> bool:
    return (os.path.isdir(source) or source.endswith(os.sep) or any(c in source for c in "*?[")
            or source.lower().endswith(IMAGE_EXTENSIONS))


class CaptureThread:
    """Reads one camera on its own thread, keeps only the newest frame, reopens after an unplug.

    States: "opening" -> "running"; N failed reads in a row -> "lost" and reopen with exponential
    backoff; "stopped" after stop() or at the end of a non-looping file. `on_state(state, detail)`
    runs on the capture thread and must not block.
    """

    def __init__(self, source: str | int, *, fps: float | None = None, loop: bool = True,
                 on_state: Callable[[str, str], None] | None = None,
                 reopen_after_failures: int = 5,
                 backoff: tuple[float, float] = (0.5, 8.0)) -> None:
        self.source = source
        self.fps = fps
        self.loop = loop
        self.on_state = on_state
        self.reopen_after_failures = max(1, reopen_after_failures)
        self.backoff = backoff
        self.state = STOPPED
        self.detail = ""
        self.reopen_count = 0
        self.missing: dict[str, str] = {}  # optional properties the open source did not take
        self._stop = threading.Event()
        self._cond = threading.Condition()
        self._latest: tuple[int, np.ndarray] | None = None
        self._counter = 0
        self._thread: threading.Thread | None = None

    # --- public ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start capturing (idempotent)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._set_state(OPENING, f"opening {self.describe_source()}")
        self._thread = threading.Thread(target=self._run, name=f"capture-{self.source}",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop capturing and release the source."""
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._set_state(STOPPED, "stopped")

    def latest(self) -> tuple[int, np.ndarray] | None:
        """(frame counter, newest BGR frame), or None before the first frame."""
        with self._cond:
            return self._latest

    def wait_frame(self, after: int, timeout: float) -> tuple[int, np.ndarray] | None:
        """Block until a frame newer than counter `after` exists (or timeout); return the newest."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while (self._latest is None or self._latest[0] <= after) and not self._stop.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            if self._latest is not None and self._latest[0] > after:
                return self._latest
            return None

    def describe_source(self) -> str:
        """What kind of source this is, for diagnostics (no frame data)."""
        if _is_device(self.source):
            return f"device {self.source}"
        return "image sequence" if _is_image_sequence(str(self.source)) else "video file"

    # --- thread ---------------------------------------------------------------------------
    def _set_state(self, state: str, detail: str) -> None:
        if state == self.state and detail == self.detail:
            return
        changed = state != self.state
        self.state, self.detail = state, detail
        if changed:
            log.info("capture %s: %s (%s)", self.source, state, detail)
        if self.on_state is not None:
            try:
                self.on_state(state, detail)
            except Exception:  # a broken listener must not kill the capture thread
                log.exception("on_state listener failed")

    def _open_source(self) -> _Source:
        src = self.source
        if _is_device(src):
            dev: str | int = int(src) if str(src).isdigit() else str(src)
            return _DeviceSource(dev, self.fps)
        if _is_image_sequence(str(src)):
            return _ImageSequenceSource(str(src), self.fps, self.loop, self._stop)
        return _VideoFileSource(str(src), self.fps, self.loop, self._stop)

    def _publish(self, frame: np.ndarray) -> None:
        with self._cond:
            self._counter += 1
            self._latest = (self._counter, frame)
            self._cond.notify_all()

    def _run(self) -> None:
        backoff = Backoff(*self.backoff)  # the same capped policy as the HAL base's reopen
        opened_before = False
        while not self._stop.is_set():
            try:
                source = self._open_source()
            except (OSError, cv2.error) as exc:
                delay = backoff.failed()
                self._set_state(LOST, f"{exc}; retrying in {delay:g} s")
                self._stop.wait(delay)
                continue
            self.missing = dict(source.missing)
            if opened_before:
                self.reopen_count += 1
            opened_before = True
            try:
                outcome, got_frames = self._read_loop(source)
            finally:
                source.release()
            if outcome == "finished":
                self._set_state(STOPPED, "end of file")
                return
            if outcome == "stopped":
                return
            if got_frames:  # it worked for a while: start the backoff over
                backoff.succeeded()
            delay = backoff.failed()
            self._set_state(LOST, f"{self.reopen_after_failures} failed reads; "
                                  f"reopening in {delay:g} s")
            self._stop.wait(delay)

    def _read_loop(self, source: _Source) -> tuple[str, bool]:
        failures = 0
        got_frames = False
        described = source.describe()
        while not self._stop.is_set():
            try:
                frame = source.read()
            except cv2.error:
                frame = None
            if frame is not None and frame.size:
                failures = 0
                got_frames = True
                self._publish(frame)
                self._set_state(RUNNING, described)
                continue
            if source.finished:
                return "finished", got_frames
            failures += 1
            if failures >= self.reopen_after_failures:
                return "failed", got_frames
            self._stop.wait(0.05)  # don't spin on a source that fails instantly
        return "stopped", got_frames
