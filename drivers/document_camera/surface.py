"""Does the part of a larger outline outside a smaller one continue the smaller one's surface?

Used when an outline with one weak side would replace an outline inside it: a page whose last
side is washed out by glare or hidden by a finger continues the same paper up to that side,
while a page 'extended' to a stripe or edge of the desk takes in desk.
"""
from __future__ import annotations

import cv2
import numpy as np

SCALE = 0.125             # the comparison runs on a 1/8 image ...
MIN_ACROSS = 48.0         # ... or finer, so that the smaller outline is this many pixels across
MAX_CHROMA_DIFF = 14.0    # LAB a/b distance between the two surfaces' medians
MAX_LIGHT_RATIO = 0.5     # |log| of their lightness ratio (shadows darken paper, glare lifts it)


def _lab_small(image: np.ndarray, scale: float) -> np.ndarray:
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)


def continues_surface(image: np.ndarray, big: np.ndarray, small: np.ndarray) -> bool:
    """True when the region inside outline big but outside outline small looks like small's inside."""
    across = float(np.sqrt(cv2.contourArea(small.reshape(-1, 1, 2).astype(np.float32))))
    scale = float(np.clip(MIN_ACROSS / max(across, 1.0), SCALE, 1.0))
    # only the larger outline's bounding box is needed
    x0, y0 = np.maximum(np.floor(big.min(axis=0)).astype(int) - 2, 0)
    x1, y1 = np.ceil(big.max(axis=0)).astype(int) + 2
    image = image[y0:y1, x0:x1]
    if image.shape[0] < 8 or image.shape[1] < 8:
        return False
    big = big - np.array([x0, y0], np.float32)
    small = small - np.array([x0, y0], np.float32)
    lab = _lab_small(image, scale)
    h, w = lab.shape[:2]
    inner = np.zeros((h, w), np.uint8)
    outer = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(inner, np.round(small * scale).astype(np.int32), 1)
    cv2.fillConvexPoly(outer, np.round(big * scale).astype(np.int32), 1)
    inner = cv2.erode(inner, np.ones((3, 3), np.uint8))       # away from the shared edges
    extra = cv2.erode(outer, np.ones((3, 3), np.uint8)) & (1 - cv2.dilate(inner, np.ones((5, 5), np.uint8)))
    if inner.sum() < 4 or extra.sum() < 4:
        return False                                            # too thin a strip: no evidence
    a = np.median(lab[inner > 0], axis=0)
    b = np.median(lab[extra > 0], axis=0)
    chroma = float(np.hypot(a[1] - b[1], a[2] - b[2]))
    light = abs(float(np.log((a[0] + 10) / (b[0] + 10))))
    return chroma <= MAX_CHROMA_DIFF and light <= MAX_LIGHT_RATIO
