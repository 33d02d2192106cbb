"""Decoding pipeline on labelled generated frames: encodings, geometry, fallbacks, time budget."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from drivers.qr_camera.decode import QrDecoder, decode_bytes, decode_frame
from qr_frames import render_code

LABELLED = [
    # (text, encoding, render options)
    ("https://zwfw.example.gov.cn/q/8f3k2", "utf-8", {}),
    ("办事服务中心 取件码 0042", "utf-8", {"angle_deg": 33}),
    ("社保医疗户籍窗口", "gb18030", {"angle_deg": 200, "tilt": 0.3}),
    ("OTK1:P:ABCDEFG2345", "utf-8", {"invert": True, "angle_deg": 95}),
    ("0123456789012345678901", "utf-8", {"contrast": 0.2, "noise": 3}),
    ("公积金-20240518", "gb18030", {"module_px": 3.0, "blur": 1.0}),
    ("税务 receipt R-77", "utf-8", {"module_px": 8, "center": (300, 300), "noise": 8}),
]


@pytest.mark.parametrize("text,encoding,opts", LABELLED)
def test_labelled_frames_decode_to_their_text(text, encoding, opts):
    found = decode_frame(render_code(text, encoding, **opts))
    assert [d.text for d in found] == [text]
    assert found[0].raw == text.encode(encoding)


def test_raw_bytes_prefer_utf8_then_gb18030():
    assert decode_bytes("取件".encode("utf-8")) == "取件"
    assert decode_bytes("取件".encode("gb18030")) == "取件"
    assert decode_bytes(b"\xff\xfe\xfd\xfc") == "\xff\xfe\xfd\xfc"  # neither: Latin-1, no crash


def test_empty_frame_reads_nothing():
    assert decode_frame(np.full((720, 1280, 3), 128, np.uint8)) == []


@pytest.mark.parametrize("module_px,blur,angle", [(1.8, 0.8, 0), (2.0, 1.0, 20), (2.5, 1.2, 0)])
def test_fallbacks_read_small_blurred_codes_zxing_alone_misses(module_px, blur, angle):
    text = "OTK1 取件码 12345 ABCDEFGHIJ"
    img = render_code(text, module_px=module_px, blur=blur, angle_deg=angle, noise=4)
    assert QrDecoder(stages=("zxing",)).decode(img) == []
    found = QrDecoder(budget_ms=1e9).decode(img)
    assert [d.text for d in found] == [text]
    assert found[0].stage != "zxing"


def test_budget_stops_fallbacks():
    """With a fake clock that jumps past the budget, no fallback stage runs after zxing."""
    img = render_code("OTK1 取件码 12345 ABCDEFGHIJ", module_px=1.8, blur=0.8, noise=4)
    ticks = itertools.count(0.0, 1.0)  # every clock read is one second later
    decoder = QrDecoder(budget_ms=5, clock=lambda: next(ticks))
    assert decoder.decode(img) == []
