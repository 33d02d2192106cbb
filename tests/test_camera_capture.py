"""Capture thread: file and folder sources, newest-frame only, loss and reconnection."""
from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from drivers.camera_capture import CaptureThread

cv2 = pytest.importorskip("cv2")


def _frame(i: int) -> np.ndarray:
    img = np.full((48, 64, 3), (i * 37) % 256, np.uint8)
    cv2.putText(img, str(i), (5, 40), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (255, 255, 255), 2)
    return img


def write_avi(path: Path, frames: int = 6, fps: float = 50.0) -> None:
    """A small MJPG .avi, like a simulated camera's recording."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (64, 48))
    assert writer.isOpened()
    for i in range(frames):
        writer.write(_frame(i))
    writer.release()


class StateLog:
    """Collects on_state calls and lets a test wait for a state."""

    def __init__(self) -> None:
        self.states: list[str] = []
        self._cond = threading.Condition()

    def __call__(self, state: str, detail: str) -> None:
        assert isinstance(detail, str)
        with self._cond:
            self.states.append(state)
            self._cond.notify_all()

    def wait_for(self, state: str, after: int = 0, timeout: float = 10.0) -> int:
        """Index of the first `state` at or after position `after`."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for i in range(after, len(self.states)):
                    if self.states[i] == state:
                        return i
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"never reached {state}; saw {self.states}")
                self._cond.wait(left)


def wait_counter_above(cap: CaptureThread, n: int, timeout: float = 10.0) -> int:
    got = cap.wait_frame(n, timeout)
    assert got is not None, f"no frame newer than {n}; state {cap.state}"
    return got[0]


def test_folder_that_empties_then_returns(tmp_path: Path) -> None:
    folder = tmp_path / "frames"
    folder.mkdir()
    for i in range(3):
        cv2.imwrite(str(folder / f"{i:03d}.png"), _frame(i))
    log = StateLog()
    cap = CaptureThread(str(folder), fps=200, on_state=log, reopen_after_failures=3,
                        backoff=(0.02, 0.1))
    cap.start()
    try:
        log.wait_for("running")
        before = wait_counter_above(cap, 3)
        shutil.rmtree(folder)
        lost_at = log.wait_for("lost")
        counter_when_lost = cap.latest()[0]
        assert counter_when_lost >= before
        folder.mkdir()
        cv2.imwrite(str(folder / "000.png"), _frame(9))
        log.wait_for("running", after=lost_at)
        assert wait_counter_above(cap, counter_when_lost) > counter_when_lost
        assert cap.reopen_count >= 1
        counter, frame = cap.latest()
        assert frame.shape == (48, 64, 3)
    finally:
        cap.stop()
    assert cap.state == "stopped"
    assert log.states[0] == "opening"


def test_video_file_removed_then_restored(tmp_path: Path) -> None:
    video = tmp_path / "cam.avi"
    write_avi(video)
    backup = tmp_path / "backup.avi"
    shutil.copy(video, backup)
    log = StateLog()
    cap = CaptureThread(str(video), fps=200, on_state=log, reopen_after_failures=2,
                        backoff=(0.02, 0.1))
    cap.start()
    try:
        log.wait_for("running")
        # Loops past the end of a 6-frame file.
        wait_counter_above(cap, 8)
        os.remove(video)
        lost_at = log.wait_for("lost")
        counter = cap.latest()[0]
        shutil.copy(backup, video)
        log.wait_for("running", after=lost_at)
        assert wait_counter_above(cap, counter) > counter
    finally:
        cap.stop()


def test_source_missing_at_start_comes_up_later(tmp_path: Path) -> None:
    video = tmp_path / "late.avi"
    log = StateLog()
    cap = CaptureThread(str(video), fps=100, on_state=log, backoff=(0.02, 0.05))
    cap.start()
    try:
        log.wait_for("lost")
        assert cap.latest() is None
        write_avi(video)
        log.wait_for("running")
        assert wait_counter_above(cap, 0) >= 1
    finally:
        cap.stop()


def test_non_looping_file_stops_at_end(tmp_path: Path) -> None:
    video = tmp_path / "once.avi"
    write_avi(video, frames=4)
    log = StateLog()
    cap = CaptureThread(str(video), fps=200, loop=False, on_state=log)
    cap.start()
    try:
        log.wait_for("stopped")
        counter, frame = cap.latest()
        assert counter == 4
        assert frame.shape == (48, 64, 3)
    finally:
        cap.stop()


def test_only_newest_frame_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "seq"
    folder.mkdir()
    for i in range(5):
        cv2.imwrite(str(folder / f"{i:03d}.png"), _frame(i))
    cap = CaptureThread(str(folder / "*.png"), fps=500, loop=False)
    cap.start()
    try:
        deadline = time.monotonic() + 10
        while cap.state != "stopped" and time.monotonic() < deadline:
            time.sleep(0.01)
        counter, frame = cap.latest()
        assert counter == 5
        # The kept frame is the last image, not the first one queued.
        assert int(frame[0, 0, 0]) == (4 * 37) % 256
    finally:
        cap.stop()
