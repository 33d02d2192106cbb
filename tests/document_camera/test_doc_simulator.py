"""Document-camera simulator: pages laid and taken, captured like the real camera."""
from __future__ import annotations

import numpy as np
import pytest

from drivers.base import HalError, MediaState
from drivers.document_camera.base import CapturedPage
from drivers.document_camera.detect import detect
from drivers.document_camera.simulator import SimulatedDocumentCamera
from drivers.events import MediaTaken, PageCaptured, PageDetected
from testkit.fixtures import clock, run_sim  # noqa: F401 (fixtures)
from testkit.waiting import wait_for


@pytest.mark.parametrize("page,fmt", [("form", "A4"), ("letter", "A4"), ("id_card", "ID-1")])
def test_lay_page_is_detected_then_captured_like_the_real_camera(clock, run_sim, page, fmt):
    cam = SimulatedDocumentCamera(options={"script": [{"wait": 1, "do": "lay_page", "page": page}],
                                           "settle_s": 0.5}, clock=clock)
    rec = run_sim(cam)
    clock.advance(1)
    first = rec.wait_for(PageDetected)
    assert first.hint == "hold_still" and cam.status().media == MediaState.PRESENT
    found = detect(cam.latest_frame())  # the preview frame is a real picture the detector reads
    assert found is not None and np.abs(found.corners - np.float32(first.corners)).max() < 3
    clock.advance(0.5)
    captured = rec.wait_for(PageCaptured)
    assert isinstance(captured.page, CapturedPage) and captured.page.format == fmt == captured.format
    assert captured.image is captured.page.image and captured.page.dpi == 200
    assert rec.wait_for(PageDetected, lambda e: e.hint == "ok")
    # capture() returns the same CapturedPage type; the page in view counts
    page_again = cam.capture(5).result(5)
    assert isinstance(page_again, CapturedPage) and page_again.format == fmt
    h, w = page_again.image.shape[:2]
    assert (h > w) == (fmt == "A4")


def test_image_step_and_take_page(clock, run_sim, tmp_path):
    import cv2
    from drivers.document_camera import page_image
    path = tmp_path / "sample.png"
    cv2.imwrite(str(path), page_image.page("letter", seed=3))
    cam = SimulatedDocumentCamera(options={"script": [
        {"do": "lay_page", "image": str(path)}, {"wait": 2, "do": "take_page"}],
        "settle_s": 0.0}, clock=clock)
    rec = run_sim(cam)
    assert rec.wait_for(PageCaptured).format == "A4"
    clock.advance(2)
    rec.wait_for(MediaTaken)
    assert rec.wait_for(PageDetected, lambda e: e.hint == "no_page").corners is None
    wait_for(lambda: cam.status().media == MediaState.ABSENT, "media absent")
    assert detect(cam.latest_frame()) is None


def test_capture_waits_for_the_next_page_and_can_time_out(clock, run_sim):
    cam = SimulatedDocumentCamera(options={"script": [], "settle_s": 0.0}, clock=clock)
    run_sim(cam)
    with pytest.raises(HalError) as info:
        cam.capture(0.3).result(5)
    assert info.value.code == "timeout"
    handle = cam.capture(5)
    cam.lay_page("id_card")
    assert handle.result(5).format == "ID-1"


def test_missing_image_file_is_rejected_at_start_up(tmp_path):
    from drivers.sim_script import ScriptError
    with pytest.raises(ScriptError) as info:
        SimulatedDocumentCamera(options={"script": [
            {"do": "lay_page", "image": str(tmp_path / "none.png")}]})
    assert info.value.key == "script[0].image"


@pytest.mark.parametrize("kind", ["form", "letter", "id_card"])
def test_simulated_page_matches_what_the_real_rectify_step_makes(kind):
    from drivers.document_camera import page_image, rectify
    flat = page_image.page(kind)
    corners = page_image.corners_for(kind, flat)
    frame = page_image.on_desk(flat, corners)
    warped, fmt = rectify.warp(frame, corners, dpi=200)
    real = rectify.clean(warped, color=(fmt == "ID-1"))
    sim, sim_fmt = page_image.straightened(flat, corners, 200)
    assert (sim_fmt, sim.shape, sim.dtype) == (fmt, real.shape, real.dtype)
    ink = lambda img: (img if img.ndim == 2 else img.mean(axis=2)) < 128  # noqa: E731
    assert (ink(sim) == ink(real)).mean() > 0.9  # same page, same place, same orientation


def test_the_simulator_keeps_only_the_newest_capture_and_a_few_straightened_pages(clock, run_sim):
    """A camera keeps no album: many captures of every kind leave a bounded set of images behind."""
    from drivers.document_camera.simulator import STRAIGHTENED_KEPT
    kinds = ["form", "letter", "id_card"] * 4
    script = [step for kind in kinds for step in
              ({"wait": 1, "do": "lay_page", "page": kind}, {"wait": 1, "do": "take_page"})]
    cam = SimulatedDocumentCamera(options={"script": script, "settle_s": 0.0}, clock=clock)
    run_sim(cam)
    for n in range(1, len(kinds) + 1):
        clock.advance(1)
        wait_for(lambda: cam.pages_captured == n, f"page {n} captured")
        clock.advance(1)
        wait_for(lambda: cam.status().media == MediaState.ABSENT, f"page {n} taken")
    held = [v for v in vars(cam).values() if isinstance(v, (list, dict))]
    images = sum(1 for v in held for item in (v.values() if isinstance(v, dict) else v)
                 if isinstance(item, (CapturedPage, tuple)))
    assert len(cam._straightened) <= STRAIGHTENED_KEPT < len(set(kinds))
    assert images <= STRAIGHTENED_KEPT  # no list of past captures grows with the pages
