"""Invariants of the held-out document-photo generator: truth inside the image, determinism, every condition, sizes."""
import json

import cv2
import numpy as np
import pytest

from testkit.heldout import doc_photos

SEED = 20261128
CARD_KINDS = {"id_card", "bank_card", "business_card"}
PAGE_KINDS = {"letter", "form", "table", "certificate", "id_card"}


@pytest.fixture(scope="module")
def photos():
    return list(doc_photos.doc_photos(SEED, 1))


def test_every_condition_once_per_round(photos):
    assert [p.condition for p in photos] == list(doc_photos.CONDITIONS)
    assert set(doc_photos.CONDITIONS) == {"dark_desk", "light_desk", "textured_desk", "fingers", "glare", "shadow",
                                          "small_card", "perspective", "curled"}


def test_images_are_1080p_bgr_with_ordered_corners_inside(photos):
    for p in photos:
        assert p.image.shape == (1080, 1920, 3) and p.image.dtype == np.uint8
        c = p.corners
        assert c.shape == (4, 2) and c.dtype == np.float64
        assert (c > 0).all() and (c[:, 0] < 1920).all() and (c[:, 1] < 1080).all()
        assert cv2.isContourConvex(c.astype(np.float32))
        # Clockwise on screen (positive signed area with y down) starting at the smallest x + y.
        x, y = c[:, 0], c[:, 1]
        assert 0.5 * np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y) > 0
        assert np.argmin(c.sum(axis=1)) == 0
        assert p.kind in (CARD_KINDS if p.condition == "small_card" else PAGE_KINDS)


def test_cards_are_small_and_pages_large(photos):
    for p in photos:
        share = cv2.contourArea(p.corners.astype(np.float32)) / (1920 * 1080)
        if p.kind in CARD_KINDS:
            assert share < 0.06, (p.condition, share)
        else:
            assert share > 0.12, (p.condition, share)


def _edge_contrast(image, corners, offset):
    """Mean |inside - outside| grey difference across the quad's edges, with the probe line moved by offset px."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).astype(np.float32)
    centre = corners.mean(axis=0)
    diffs = []
    for k in range(4):
        p, q = corners[k], corners[(k + 1) % 4]
        normal = np.array([q[1] - p[1], p[0] - q[0]]) / np.linalg.norm(q - p)
        if np.dot(normal, (p + q) / 2 - centre) < 0:
            normal = -normal
        for t in np.linspace(0.2, 0.8, 25):
            e = p + (q - p) * t + normal * offset
            out, inn = e + normal * 4, e - normal * 4
            diffs.append(grey[int(inn[1]), int(inn[0])] - grey[int(out[1]), int(out[0])])
    return float(np.median(diffs))


def test_truth_corners_sit_on_the_visible_outline(photos):
    """On a dark desk the page edge is where the brightness steps; 20 px off the outline it does not."""
    p = next(p for p in photos if p.condition == "dark_desk")
    on = _edge_contrast(p.image, p.corners, 0)
    outside = _edge_contrast(p.image, p.corners, 20)
    inside = _edge_contrast(p.image, p.corners, -20)
    assert on > 40 and abs(outside) < on / 3 and abs(inside) < on / 3, (on, outside, inside)


def test_conditions_differ_where_described(photos):
    by = {p.condition: p for p in photos}
    assert by["light_desk"].meta["desk"] in {"white", "light_grey", "beige", "light_wood"}
    assert by["dark_desk"].meta["desk"] in {"dark_wood", "black_laminate", "grey_felt", "navy"}
    assert by["textured_desk"].meta["desk"] in {"wood", "cloth", "cutting_mat"}
    assert by["fingers"].meta["fingers"] in (1, 2)
    # Strong tilt: opposite edges of the page differ clearly in length.
    c = by["perspective"].corners
    sides = np.linalg.norm(c - np.roll(c, -1, axis=0), axis=1)
    ratio = max(sides[0] / sides[2], sides[2] / sides[0], sides[1] / sides[3], sides[3] / sides[1])
    assert ratio > 1.12
    # The glare condition has a highlight on the page far brighter than the page itself.
    g = by["glare"]
    mask = np.zeros(g.image.shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, g.corners.astype(np.int32), 1)
    page = cv2.cvtColor(g.image, cv2.COLOR_BGR2GRAY)[mask > 0]
    p50, p99 = np.percentile(page, [50, 99.5])
    assert p99 >= 245 or p99 - p50 > 70, (p50, p99)


def test_same_seed_same_photo_other_seed_differs():
    a = next(doc_photos.doc_photos(11, 1, ("curled",)))
    b = next(doc_photos.doc_photos(11, 1, ("curled",)))
    c = next(doc_photos.doc_photos(12, 1, ("curled",)))
    assert np.array_equal(a.image, b.image) and np.array_equal(a.corners, b.corners)
    assert not np.array_equal(a.corners, c.corners)


def test_cli_writes_images_and_truth(tmp_path):
    assert doc_photos.main(["--out", str(tmp_path), "--per-condition", "1", "--only", "small_card"]) == 0
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert len(truth) == 1 and truth[0]["condition"] == "small_card"
    assert cv2.imread(str(tmp_path / truth[0]["file"])).shape == (1080, 1920, 3)
    assert np.array(truth[0]["corners"]).shape == (4, 2)
