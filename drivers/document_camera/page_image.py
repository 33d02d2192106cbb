"""Generated pages for the document-camera simulator: a form, a letter or an ID card on a desk."""
from __future__ import annotations

import functools
from pathlib import Path

import cv2
import numpy as np

PAGE_KINDS = ("form", "letter", "id_card")
FRAME_SIZE = (1280, 720)
_DESK_BGR = (45, 40, 38)
# Where each kind lies on the desk (corners tl, tr, br, bl in frame pixels): slightly turned.
_PLACEMENT = {
    "form": [[470, 90], [850, 105], [835, 640], [455, 628]],
    "letter": [[430, 100], [810, 92], [822, 632], [442, 640]],
    "id_card": [[480, 250], [800, 262], [792, 462], [472, 450]],
}


def page(kind: str, seed: int = 0) -> np.ndarray:
    """The flat page image of a kind (BGR): A4 at 96 dpi for papers, ID-1 at 300 dpi for cards."""
    rng = np.random.default_rng(seed)
    if kind == "id_card":
        img = np.full((638, 1011, 3), (222, 214, 190), np.uint8)  # pale blue-green card stock
        cv2.rectangle(img, (60, 120), (330, 470), (150, 150, 150), -1)  # photo area
        for y in range(140, 520, 60):
            cv2.line(img, (380, y), (380 + int(rng.integers(250, 560)), y), (40, 40, 40), 12)
        cv2.rectangle(img, (60, 540), (950, 600), (60, 60, 60), -1)  # number band
        return img
    if kind not in PAGE_KINDS:
        raise ValueError(f"unknown page kind {kind!r}; known: {', '.join(PAGE_KINDS)}")
    img = np.full((1123, 794, 3), 245, np.uint8)
    cv2.rectangle(img, (80, 70), (714, 120), (30, 30, 30), -1)  # title
    step = 38 if kind == "letter" else 76
    for y in range(170, 1050, step):
        end = 714 - int(rng.integers(0, 220))
        cv2.line(img, (80, y), (end, y), (40, 40, 40), 6)
        if kind == "form":  # answer boxes under each question
            cv2.rectangle(img, (80, y + 14), (714, y + 50), (90, 90, 90), 2)
    return img


def from_file(path: str | Path) -> np.ndarray:
    """A page image read from a file (e.g. assets/samples/*.png), as BGR."""
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if img is None:
        raise ValueError(f"cannot read a page image from {path}")
    return img


def corners_for(kind: str, image: np.ndarray) -> np.ndarray:
    """Where a page of this kind lies on the desk (a file page lies like a form)."""
    quad = np.float32(_PLACEMENT["id_card" if kind == "id_card" else
                                 ("letter" if kind == "letter" else "form")])
    if kind != "id_card" and image.shape[1] > image.shape[0]:  # a landscape file: turn it
        quad = np.roll(quad, 1, axis=0)
    return quad


def on_desk(image: np.ndarray, corners: np.ndarray,
            size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:
    """A camera frame (BGR) with the page image warped onto a dark desk at the given corners."""
    w, h = size
    ph, pw = image.shape[:2]
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    m = cv2.getPerspectiveTransform(src, np.float32(corners))
    warped = cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), m, (w, h))
    frame = np.empty((h, w, 3), np.uint8)
    frame[:] = _DESK_BGR
    frame[mask > 0] = warped[mask > 0]
    return frame


@functools.lru_cache(maxsize=2)
def empty_desk(size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:
    """The plate with nothing on it."""
    w, h = size
    frame = np.empty((h, w, 3), np.uint8)
    frame[:] = _DESK_BGR
    frame.flags.writeable = False  # cached and shared with the preview: read-only
    return frame


def straightened(flat: np.ndarray, corners: np.ndarray, dpi: int) -> tuple[np.ndarray, str]:
    """The page as the real camera's rectify step delivers it (format, size, orientation, grey
    for papers, colour for cards), made from the flat source: no 1 s warp-and-clean per page."""
    from drivers.document_camera import rectify
    from drivers.document_camera.geometry import side_lengths
    fmt = rectify.guess_format(corners)
    s = side_lengths(corners)
    landscape = (s[0] + s[2]) > (s[1] + s[3])
    w, h = rectify.output_size(fmt, landscape, dpi)
    if (flat.shape[1] > flat.shape[0]) != landscape:
        flat = cv2.rotate(flat, cv2.ROTATE_90_CLOCKWISE)
    page = cv2.resize(flat, (w, h), interpolation=cv2.INTER_AREA)
    if fmt != "ID-1":
        page = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    return page, fmt
