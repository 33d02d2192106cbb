"""Pages are found on real-desk conditions (issue 14): light desks, fingers, glare, small cards, ..."""
import cv2
import numpy as np
import pytest

from drivers.document_camera.detect import detect, step_threshold
from drivers.document_camera.expand import outer_variant
from drivers.document_camera.geometry import order_corners, polygon_iou

SEED = 60000        # held out: tuning used seeds below 20000 and the bench uses 180000 and up
CONDITIONS = ("white_desk", "light_grey_desk", "beige_desk", "fingers", "glare", "shadows",
              "id_light_desk", "id_dark_desk", "certificate", "textured_desk")


@pytest.mark.parametrize("condition", CONDITIONS)
def test_page_found_in_condition(conditions, condition):
    assert condition in conditions.CONDITIONS
    s = conditions.make_condition(SEED + 1000 * CONDITIONS.index(condition), condition)
    d = detect(s.image)
    assert d is not None, condition
    assert polygon_iou(d.corners, s.corners) >= 0.97, condition


def test_unknown_condition_is_named(conditions):
    with pytest.raises(ValueError, match="unknown condition 'desk'"):
        conditions.make_condition(1, "desk")


@pytest.mark.parametrize("kind", ["white", "grey", "beige"])
def test_bare_light_desk_gives_none(conditions, kind):
    rng = np.random.default_rng(7)
    img = conditions._light_desk(rng, kind)
    conditions._hard_shadow(rng, img)
    img = cv2.GaussianBlur(img, (0, 0), 1.0) + rng.normal(0, 2.5, img.shape)
    assert detect(np.clip(img, 0, 255).astype(np.uint8)) is None


def test_step_threshold_is_lower_on_a_plain_desk_than_on_wood(synth):
    rng = np.random.default_rng(3)
    plain = np.full((270, 480, 3), 225, np.uint8)
    plain = np.clip(plain + rng.normal(0, 1.5, plain.shape), 0, 255).astype(np.uint8)
    wood = cv2.resize(synth._background(rng, "wood").astype(np.uint8), (480, 270),
                      interpolation=cv2.INTER_AREA)
    assert step_threshold(plain) < step_threshold(wood)


def test_outer_variant_moves_a_printed_frame_out_to_the_paper_edge():
    img = np.full((600, 800, 3), (170, 200, 215), np.uint8)            # beige desk
    cv2.rectangle(img, (200, 100), (600, 500), (235, 240, 242), -1)    # paper
    cv2.rectangle(img, (215, 115), (585, 485), (140, 90, 20), 8)       # printed blue frame
    img = cv2.GaussianBlur(img, (0, 0), 1.0)
    frame = np.array([[211, 111], [589, 111], [589, 489], [211, 489]], np.float32)
    moved = outer_variant(img, frame)
    assert moved is not None
    paper = np.array([[200, 100], [600, 100], [600, 500], [200, 500]], np.float32)
    assert np.abs(order_corners(moved) - paper).max() <= 2.0


def test_outer_variant_leaves_a_page_on_a_plain_desk_alone():
    img = np.full((600, 800, 3), 40, np.uint8)
    cv2.rectangle(img, (200, 100), (600, 500), (235, 240, 242), -1)
    img = cv2.GaussianBlur(img, (0, 0), 1.0)
    page = np.array([[200, 100], [600, 100], [600, 500], [200, 500]], np.float32)
    assert outer_variant(img, page) is None
