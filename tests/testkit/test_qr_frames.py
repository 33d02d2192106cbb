"""Invariants of the held-out QR burst generator: truth inside the image, determinism, every condition, sizes."""
import cv2
import numpy as np
import pytest
import zxingcpp

from testkit.heldout import qr_frames
from testkit.heldout._qr_carriers import make_code
from testkit.heldout._sensor import motion_kernel

SEED = 20261128


@pytest.fixture(scope="module")
def bursts():
    return list(qr_frames.qr_bursts(SEED, 1))


def _side_lengths(c):
    return np.linalg.norm(c - np.roll(c, -1, axis=0), axis=1)


def test_every_condition_once_per_round(bursts):
    assert [b.condition for b in bursts] == list(qr_frames.CONDITIONS)
    assert set(qr_frames.CONDITIONS) >= {"clean", "motion_blur_medium", "motion_blur_strong", "screen_glare",
                                         "low_contrast", "heavy_jpeg", "small_far", "defocus", "mixed"}


def test_frames_are_720p_bgr_bursts_with_corners_inside(bursts):
    for b in bursts:
        assert len(b.frames) == qr_frames.BURST == 6 and len(b.corners) == 6
        for frame, corners in zip(b.frames, b.corners):
            assert frame.shape == (720, 1280, 3) and frame.dtype == np.uint8
            assert corners.shape == (4, 2) and corners.dtype == np.float64
            assert (corners[:, 0] > 0).all() and (corners[:, 0] < 1280).all(), b.condition
            assert (corners[:, 1] > 0).all() and (corners[:, 1] < 720).all(), b.condition
            assert cv2.isContourConvex(corners.astype(np.float32)), b.condition
        assert isinstance(b.payload, bytes) and b.payload


def test_burst_frames_differ_but_show_the_same_scene(bursts):
    for b in bursts:
        moved = [np.abs(b.corners[i + 1] - b.corners[i]).max() for i in range(5)]
        assert max(moved) > 0.5, f"{b.condition}: the phone/slip never moves within the burst"
        areas = [cv2.contourArea(c.astype(np.float32)) for c in b.corners]
        assert max(areas) / min(areas) < 1.5, b.condition
        assert not np.array_equal(b.frames[0], b.frames[1])


def test_ground_truth_rectifies_to_the_payload(bursts):
    """Warping a clean frame by the truth corners gives a code that decodes to the truth payload."""
    checked = 0
    for b in bursts:
        if b.condition not in ("clean", "small_far"):
            continue
        decoded = []
        for frame, corners in zip(b.frames, b.corners):
            side, quiet = 8 * 41, 40
            dst = np.float32([[quiet, quiet], [quiet + side, quiet], [quiet + side, quiet + side], [quiet, quiet + side]])
            h = cv2.getPerspectiveTransform(corners.astype(np.float32), dst)
            warped = cv2.warpPerspective(frame, h, (side + 2 * quiet, side + 2 * quiet), flags=cv2.INTER_CUBIC)
            decoded += [r.bytes for r in zxingcpp.read_barcodes(warped)]
        assert b.payload in decoded, f"{b.condition}: {b.meta}"
        checked += 1
    assert checked == 2


def test_conditions_carry_their_parameters(bursts):
    by = {b.condition: b for b in bursts}
    small = by["small_far"]
    widths = [_side_lengths(c).mean() for c in small.corners]
    assert 50 <= min(widths) and max(widths) <= 135
    assert all(5 <= q <= 20 for q in by["heavy_jpeg"].meta["jpeg"])
    assert by["screen_glare"].meta["carrier"] == "phone"
    assert len(by["mixed"].meta["effects"]) == 2
    for b in bursts:
        assert 1 <= b.meta["version"] <= 12 and b.meta["ecc"] in "LMQH"


def test_same_seed_same_bursts_other_seed_differs():
    a = next(qr_frames.qr_bursts(7, 1))
    b = next(qr_frames.qr_bursts(7, 1))
    c = next(qr_frames.qr_bursts(8, 1))
    assert a.payload == b.payload
    assert all(np.array_equal(x, y) for x, y in zip(a.frames, b.frames))
    assert all(np.array_equal(x, y) for x, y in zip(a.corners, b.corners))
    assert not np.array_equal(a.frames[0], c.frames[0])


def test_payload_kinds_versions_and_levels_cover_the_description():
    rng = np.random.default_rng(3)
    codes = [make_code(rng) for _ in range(120)]
    assert {c.kind for c in codes} == {"url", "short_text", "long_text", "chinese", "digits", "base64"}
    assert {c.ecc for c in codes} == {"L", "M", "Q", "H"}
    assert min(c.version for c in codes) == 1 and max(c.version for c in codes) == 12
    for c in codes:
        assert c.modules.shape == (17 + 4 * c.version,) * 2
    assert any("中" in c.payload.decode("utf-8") or c.kind != "chinese" for c in codes)
    chinese = [c for c in codes if c.kind == "chinese"]
    assert chinese and all(len(c.payload.decode("utf-8")) * 3 == len(c.payload) for c in chinese)


@pytest.mark.parametrize("length,angle", [(8, 0), (25, 90), (15, 37)])
def test_motion_kernel_has_the_requested_length_and_direction(length, angle):
    k = motion_kernel(length, angle)
    assert abs(k.sum() - 1) < 1e-5
    ys, xs = np.nonzero(k > k.max() * 0.05)
    a = np.radians(angle)
    along = xs * np.cos(a) + ys * np.sin(a)
    across = -xs * np.sin(a) + ys * np.cos(a)
    assert length - 2 <= along.max() - along.min() <= length + 3
    assert across.max() - across.min() <= 3


def test_cli_writes_frames_and_truth(tmp_path):
    import json
    assert qr_frames.main(["--out", str(tmp_path), "--per-condition", "1", "--seed", "5", "--only", "clean"]) == 0
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert len(truth) == 1 and truth[0]["condition"] == "clean"
    for name, corners in zip(truth[0]["frames"], truth[0]["corners"]):
        img = cv2.imread(str(tmp_path / name))
        assert img.shape == (720, 1280, 3) and len(corners) == 4
    assert bytes.fromhex(truth[0]["payload_hex"])


def test_blur_conditions_record_their_per_frame_blur(bursts):
    by = {b.condition: b for b in bursts}
    medium, strong = by["motion_blur_medium"].meta["motion_blur_px"], by["motion_blur_strong"].meta["motion_blur_px"]
    assert len(medium) == len(strong) == 6
    assert all(8 <= x <= 15 for x in medium) and all(15 <= x <= 25 for x in strong)
    assert len(set(medium)) > 1, "blur should vary from frame to frame"
    assert len(by["defocus"].meta["defocus_radius_px"]) == 6
    assert by["clean"].meta["motion_blur_px"] == [] and by["clean"].meta["defocus_radius_px"] == []
