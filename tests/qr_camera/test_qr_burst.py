"""FrameDecoder on consecutive frames: tracked region, glare removed across frames, time credit."""
from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest
import zxingcpp

from drivers.qr_camera import enhance
from drivers.qr_camera.burst import FrameDecoder, decode_image
from qr_frames import render_code
from test_qr_decode import LABELLED

TEXT = "OTK1:R:GLARE-TEST-0042-ABCDEFGHJKLMNP"


def _zxing_reads(frame: np.ndarray) -> bool:
    return bool(zxingcpp.read_barcodes(frame))


def glare_burst(step: int = 3) -> list[np.ndarray]:
    """A phone moving right by `step` px a frame while a saturated reflection slides across it."""
    frames = []
    for k in range(3):
        img = render_code(TEXT, module_px=5, center=(640 + step * k, 360), noise=2,
                          seed=k).astype(np.float32)
        glare = np.zeros(img.shape[:2], np.float32)
        cv2.ellipse(glare, (570 + 60 * k + step * k, 330), (45, 35), 20, 0, 360, 1.0, -1)
        glare = cv2.GaussianBlur(glare, (0, 0), 6)
        frames.append(np.clip(img + glare[..., None] * 400, 0, 255).astype(np.uint8))
    return frames


def test_glare_is_removed_by_combining_aligned_frames():
    frames = glare_burst()
    assert not any(_zxing_reads(f) for f in frames)  # each frame alone is unreadable
    decoder = FrameDecoder(budget_ms=1e9, max_ms=1e9)
    results = [decoder.feed(f) for f in frames]
    assert results[0] == []  # one frame is not enough
    assert [d.text for d in results[2]] == [TEXT] and results[2][0].stage == "min"


def test_without_frame_passes_the_glare_burst_stays_unread():
    decoder = FrameDecoder(budget_ms=1e9, max_ms=1e9,
                           passes=("fixed", "up", "denoise", "upsharp", "clahe"))
    assert all(decoder.feed(f) == [] for f in glare_burst())


def test_tracked_region_reads_the_following_frames():
    decoder = FrameDecoder()
    stages = []
    for k in range(4):
        found = decoder.feed(render_code(TEXT, module_px=4, center=(400 + 12 * k, 300),
                                         angle_deg=3 * k, noise=3, seed=k))
        assert [d.text for d in found] == [TEXT]
        stages.append(found[0].stage)
    assert stages == ["zxing", "tracked", "tracked", "tracked"]


def test_reset_forgets_the_tracked_region():
    decoder = FrameDecoder()
    decoder.feed(render_code(TEXT, module_px=4))
    decoder.reset()
    assert decoder.feed(render_code(TEXT, module_px=4))[0].stage == "zxing"


def test_no_credit_no_fallbacks():
    """time_ratio 0 earns no time for extra passes: only what zxing reads alone is returned."""
    img = render_code("OTK1 取件码 12345 ABCDEFGHIJ", module_px=1.8, blur=0.8, noise=4)
    assert not _zxing_reads(img)
    assert FrameDecoder(time_ratio=0.0).feed(img) == []
    generous = FrameDecoder(budget_ms=1e9, max_ms=1e9)  # no wall-clock cap (loaded CI)
    assert [d.text for d in generous.feed(img)] == ["OTK1 取件码 12345 ABCDEFGHIJ"]


def test_credit_is_spent_on_later_frames():
    """Easy frames earn credit (time_ratio x zxing time less their cost); hard frames spend it."""
    ticks = itertools.count(0.0, 0.001)  # every clock read is 1 ms later: deterministic timing
    decoder = FrameDecoder(time_ratio=10.0, clock=lambda: next(ticks))
    for k in range(6):
        decoder.feed(render_code("warm-up", module_px=4, seed=k, noise=2))
    assert decoder._credit > 0
    poor = FrameDecoder(time_ratio=10.0, clock=lambda: next(ticks))
    hard = render_code("OTK1 取件码 12345 ABCDEFGHIJ", module_px=1.8, blur=0.8, noise=4)
    decoder.reset()
    assert poor.feed(hard) == []  # no credit saved yet: no passes
    assert [d.text for d in decoder.feed(hard)] == ["OTK1 取件码 12345 ABCDEFGHIJ"]


@pytest.mark.parametrize("text,encoding,opts", LABELLED)
def test_single_image_api_reads_the_labelled_frames(text, encoding, opts):
    found = decode_image(render_code(text, encoding, **opts))
    assert [d.text for d in found] == [text]
    assert found[0].raw == text.encode(encoding)


def test_single_image_api_on_an_empty_frame():
    assert decode_image(np.full((720, 1280, 3), 128, np.uint8)) == []


def test_sharpness_orders_frames_by_blur():
    img = cv2.cvtColor(render_code(TEXT, module_px=4), cv2.COLOR_BGR2GRAY)
    blurred = cv2.GaussianBlur(img, (0, 0), 2.0)
    assert enhance.sharpness(img) > 2 * enhance.sharpness(blurred)


def test_stretch_uses_the_full_range():
    faint = np.random.default_rng(0).integers(120, 136, (64, 64)).astype(np.uint8)
    out = enhance.stretch(faint)
    assert out.min() <= 5 and out.max() >= 250
