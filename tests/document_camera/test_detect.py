"""Page corners are found within tolerance on labelled synthetic photos the detector was not tuned on."""
import json

import cv2
import numpy as np
import pytest

from drivers.document_camera.classic import detect_classic
from drivers.document_camera.detect import detect
from drivers.document_camera.geometry import order_corners, polygon_iou

SEEDS = (9000, 9002, 9003)      # held out: tuning used seeds below 1000


def _max_corner_error(found, truth):
    """Largest corner distance, matching corners up to rotation of the order."""
    f = order_corners(found)
    t = order_corners(truth)
    return float(np.linalg.norm(f - t, axis=1).max())


@pytest.fixture(scope="module")
def labelled(synth):
    out = []
    for bg in synth.BACKGROUNDS:
        for seed in SEEDS:
            out.append(synth.make_sample(seed, bg, effects=()))
    out.append(synth.make_sample(9101, "dark", effects=("shadow", "glare", "finger")))
    out.append(synth.make_sample(9102, "wood", effects=("finger",)))
    return out


def test_corners_within_tolerance_on_most_samples(labelled):
    good, ious = 0, []
    for s in labelled:
        d = detect(s.image)
        iou = polygon_iou(d.corners, s.corners) if d else 0.0
        ious.append(iou)
        if d is not None and _max_corner_error(d.corners, s.corners) <= 4.0:
            good += 1
    assert good == len(labelled), ious
    assert np.mean(ious) >= 0.99


def test_beats_classic_baseline(labelled):
    ours = [polygon_iou(d.corners, s.corners) if (d := detect(s.image)) else 0.0 for s in labelled[:8]]
    base = [polygon_iou(c, s.corners) if (c := detect_classic(s.image)) is not None else 0.0
            for s in labelled[:8]]
    assert np.mean(ours) > np.mean(base)


def test_corners_are_clockwise_from_top_left(labelled):
    d = detect(labelled[0].image)
    c = d.corners
    assert int(np.argmin(c[:, 0] + c[:, 1])) == 0
    u, v = c[1] - c[0], c[2] - c[1]
    assert u[0] * v[1] - u[1] * v[0] > 0          # clockwise on screen (y grows downwards)


def test_empty_desk_gives_none(synth):
    rng = np.random.default_rng(5)
    desk = synth._background(rng, "wood").astype(np.uint8)
    assert detect(desk) is None


def _strong_pattern(kind: str) -> np.ndarray:
    """A bare desk with a strong regular pattern: a checkerboard or a ruled cutting-mat grid."""
    img = np.full((1080, 1920, 3), (70, 120, 60), np.uint8)
    step = 130
    if kind == "checker":
        for y in range(0, 1080, step):
            for x in range(0, 1920, step):
                if (x // step + y // step) % 2:
                    img[y:y + step, x:x + step] = (210, 200, 190)
    else:
        for v in range(40, 1920, step):
            cv2.line(img, (v, 0), (v, 1080), (230, 230, 230), 4)
        for v in range(40, 1080, step):
            cv2.line(img, (0, v), (1920, v), (230, 230, 230), 4)
    rot = cv2.getRotationMatrix2D((960, 540), 12, 1.2)
    img = cv2.warpAffine(img, rot, (1920, 1080), borderMode=cv2.BORDER_REFLECT)
    return cv2.GaussianBlur(img, (0, 0), 1.0)


@pytest.mark.parametrize("kind", ["checker", "grid"])
def test_strong_pattern_desk_gives_none(kind):
    assert detect(_strong_pattern(kind)) is None


def test_page_on_strong_pattern_is_found(labelled):
    desk = _strong_pattern("checker")
    s = labelled[0]
    mask = cv2.fillConvexPoly(np.zeros(desk.shape[:2], np.uint8), s.corners.astype(np.int32), 255)
    photo = np.where(mask[..., None] > 0, s.image, desk)
    d = detect(photo)
    assert d is not None and polygon_iou(d.corners, s.corners) >= 0.97


def test_diag_command_prints_one_json_line_per_image(labelled, tmp_path, capsys):
    from kiosk.diag.cli import main
    path = tmp_path / "page.jpg"
    cv2.imwrite(str(path), labelled[3].image)
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.zeros((200, 300, 3), np.uint8))
    status = main(["detect-document", str(path), str(blank)])
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["file"] for x in lines] == [str(path), str(blank)]
    assert _max_corner_error(np.array(lines[0]["corners"]), labelled[3].corners) <= 4.0
    assert lines[1]["corners"] is None and status == 1
