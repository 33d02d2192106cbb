"""Deblur passes for QR crops: smear estimation, line-PSF and disk-PSF Wiener deconvolution.

Frames come from the wide tuning generator (testkit/synth/qr_wide.py) with fixed seeds; each test
frame is one that zxing-cpp alone cannot read.
"""
from __future__ import annotations

import math

import cv2
import numpy as np
import zxingcpp

from drivers.qr_camera import deblur
from drivers.qr_camera.burst import PASSES, FrameDecoder
from qr_frames import render_code
from testkit.synth import qr_wide


def _reads(image: np.ndarray, payload: bytes) -> bool:
    return any(b.valid and bytes(b.bytes) == payload for b in zxingcpp.read_barcodes(image))


def _unlimited(passes: tuple[str, ...] = PASSES) -> FrameDecoder:
    return FrameDecoder(budget_ms=1e9, max_ms=1e9, passes=passes)  # no wall-clock cap (loaded CI)


def _smeared_code(length: int, angle_deg: float) -> np.ndarray:
    img = cv2.cvtColor(render_code("OTK1:R:SMEAR-0001", module_px=6, noise=0), cv2.COLOR_BGR2GRAY)
    crop = img[200:520, 480:800].astype(np.float32)
    k = np.zeros((length + 2, length + 2), np.float32)
    c = (length + 1) / 2
    a = math.radians(angle_deg)
    for t in np.linspace(-0.5, 0.5, 4 * length):
        k[int(round(c + t * (length - 1) * math.sin(a))),
          int(round(c + t * (length - 1) * math.cos(a)))] = 1
    return np.clip(cv2.filter2D(crop, -1, k / k.sum()), 0, 255).astype(np.uint8)


def test_smear_direction_and_length_are_estimated():
    crop = _smeared_code(14, 30.0)
    angle, length = deblur.estimate(crop)
    # Image rows grow downwards, so the smear's angle is measured the same way as in the kernel.
    diff = abs((math.degrees(angle) - 30.0 + 90) % 180 - 90)
    assert diff < 12, math.degrees(angle)
    assert 11 <= length <= 17, length


def test_sharp_crop_has_no_smear():
    img = cv2.cvtColor(render_code("OTK1:R:SHARP-0001", module_px=6, noise=0), cv2.COLOR_BGR2GRAY)
    assert deblur.deblurred(img[200:520, 480:800]) is None


def test_deblur_reads_a_motion_blurred_frame_zxing_cannot():
    burst = qr_wide.bursts(1, 2, n_frames=1, conditions=("blur_medium",))[1]
    frame = burst.frames[0]
    assert not _reads(frame, burst.payload)
    without = tuple(p for p in PASSES if p not in ("deblur", "refocus"))
    assert all(d.raw != burst.payload for d in _unlimited(without).feed(frame))
    found = _unlimited().feed(frame)
    assert [d.raw for d in found] == [burst.payload]
    assert found[0].stage.startswith("deblur")


def test_refocus_reads_a_defocused_frame_zxing_cannot():
    burst = qr_wide.bursts(1, 6, n_frames=1, conditions=("disk_defocus",))[5]
    frame = burst.frames[0]
    assert not _reads(frame, burst.payload)
    without = tuple(p for p in PASSES if p != "refocus")
    assert all(d.raw != burst.payload for d in _unlimited(without).feed(frame))
    found = _unlimited().feed(frame)
    assert [(d.raw, d.stage) for d in found] == [(burst.payload, "refocus")]


def test_row_wiener_matches_the_2d_wiener():
    crop = _smeared_code(16, -50.0)
    angle, length = deblur.estimate(crop)
    a = deblur.wiener(crop, length, angle)
    b = deblur.wiener_rows(crop, length, angle)
    inner = (slice(40, -40), slice(40, -40))
    assert float(np.abs(a[inner].astype(np.float32) - b[inner]).mean()) < 12.0
    assert not _reads(crop, b"OTK1:R:SMEAR-0001")
    assert _reads(b, b"OTK1:R:SMEAR-0001")


def test_wide_generator_is_deterministic_and_labelled():
    a = qr_wide.bursts(3, 1, n_frames=2, conditions=("small_far", "mixed"))
    b = qr_wide.bursts(3, 1, n_frames=2, conditions=("small_far", "mixed"))
    assert [x.condition for x in a] == ["small_far", "mixed"]
    assert all(np.array_equal(f, g) for x, y in zip(a, b) for f, g in zip(x.frames, y.frames))
    width = float(np.ptp(a[0].corners[0][:, 0]))
    assert 40 <= width <= 140  # small_far codes are 60-120 px wide (plus tilt and rotation)
