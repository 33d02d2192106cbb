"""Each quality hint is produced by the condition it names, and every hint has a message."""
import cv2
import numpy as np
import pytest

from drivers.document_camera import quality as Q
from drivers.document_camera import rectify
from kiosk.documents.hints import hint_key, hint_text
from kiosk.i18n import Translator, load_strings

FRAME = (1080, 1920, 3)
INSIDE = np.array([[500, 150], [1300, 170], [1290, 950], [510, 940]], float)


def _page(seed=0):
    """A sharp A4-like page with text-like strokes, at camera resolution."""
    rng = np.random.default_rng(seed)
    page = np.full((800, 566), 235, np.uint8)
    for y in range(60, 740, 24):
        x = 50
        while x < 500:
            w = int(rng.integers(8, 40))
            page[y:y + 10, x:x + w] = 30
            x += w + 8
    return cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)


def test_no_page_and_ok_outline():
    assert Q.frame_hint(None, FRAME) == Q.NO_PAGE
    assert Q.frame_hint(INSIDE, FRAME) == Q.OK


@pytest.mark.parametrize("dx,dy,code", [(-600, 0, "cut_left"), (700, 0, "cut_right"),
                                        (0, -200, "cut_top"), (0, 200, "cut_bottom")])
def test_cut_off_edge_is_named(dx, dy, code):
    assert Q.frame_hint(INSIDE + [dx, dy], FRAME) == code


def test_too_small():
    small = (INSIDE - INSIDE.mean(0)) * 0.2 + [960, 540]
    assert Q.frame_hint(small, FRAME) == Q.TOO_SMALL


def test_sharp_page_is_ok_and_blurred_page_is_not():
    page = _page()
    assert Q.page_hint(page) == Q.OK
    assert Q.page_hint(cv2.GaussianBlur(page, (0, 0), 2.5)) == Q.BLURRED


def test_too_dark():
    assert Q.page_hint((_page() * 0.25).astype(np.uint8)) == Q.TOO_DARK


def test_glare_blob():
    page = _page()
    cv2.circle(page, (280, 400), 60, (255, 255, 255), -1)
    assert Q.page_hint(page) == Q.GLARE


def test_blank_page_is_not_called_blurred():
    assert Q.page_hint(np.full((800, 566, 3), 230, np.uint8)) == Q.OK


def test_assess_checks_outline_before_page():
    frame = np.zeros(FRAME, np.uint8)
    dark = (_page() * 0.2).astype(np.uint8)
    assert Q.assess(frame, INSIDE + [-600, 0], dark) == "cut_left"
    assert Q.assess(frame, INSIDE, dark) == Q.TOO_DARK


def test_every_hint_has_both_languages():
    strings = load_strings()
    tr = Translator(strings)
    for code in Q.ALL_HINTS:
        assert hint_key(code) in strings
        assert strings[hint_key(code)]["zh"] and strings[hint_key(code)]["en"]
    assert "tilt" in hint_text(tr, Q.GLARE, "en")
    assert "left" in hint_text(tr, "cut_left", "en")


def test_warp_gives_true_proportions():
    frame = np.zeros(FRAME, np.uint8)
    a4 = np.array([[600, 100], [1200, 110], [1190, 950], [610, 940]], float)
    page, fmt = rectify.warp(frame, a4, dpi=200)
    assert fmt == "A4" and page.shape[:2] == (2339, 1654)
    card = np.array([[600, 300], [1300, 310], [1295, 745], [605, 740]], float)
    page, fmt = rectify.warp(frame, card, dpi=300)
    assert fmt == "ID-1" and page.shape[:2] == (638, 1011)
    assert rectify.guess_format(a4, px_per_mm=840 / 210) == "A5"


def test_clean_removes_a_shadow():
    page = _page().astype(np.float32)
    ramp = np.linspace(1.0, 0.55, page.shape[1])[None, :, None]
    shaded = (page * ramp).astype(np.uint8)
    out = rectify.clean(shaded)
    paper = out[30:50]          # a text-free band
    assert abs(float(paper[:, :50].mean()) - float(paper[:, -50:].mean())) < 12
    assert float(paper.mean()) > 225
