"""Same code seen in consecutive frames is reported once; again after it was out of view."""
from __future__ import annotations

from drivers.qr_camera.dedupe import CodeDeduper
from testkit.clock import FakeClock


def test_code_in_consecutive_frames_reported_once():
    clock = FakeClock()
    d = CodeDeduper(window_s=2.0, clock=clock)
    seen = []
    for _ in range(30):  # 3 s of frames at 10 fps, code held in view throughout
        seen.append(d.is_new(b"A"))
        clock.advance(0.1)
    assert seen.count(True) == 1 and seen[0] is True


def test_code_shown_again_after_window_is_new():
    clock = FakeClock()
    d = CodeDeduper(window_s=2.0, clock=clock)
    assert d.is_new(b"A")
    clock.advance(1.0)
    assert d.is_new(b"B")          # a different code is new at once
    assert not d.is_new(b"A")
    clock.advance(2.5)
    assert d.is_new(b"A")          # gone for longer than the window


def test_reset_forgets():
    d = CodeDeduper(window_s=10, clock=FakeClock())
    assert d.is_new(b"A") and not d.is_new(b"A")
    d.reset()
    assert d.is_new(b"A")


def test_memory_is_bounded():
    clock = FakeClock()
    d = CodeDeduper(window_s=1.0, clock=clock, max_entries=8)
    for i in range(100):
        d.is_new(bytes([i]))
        clock.advance(0.5)
    assert len(d._last_seen) <= 9
