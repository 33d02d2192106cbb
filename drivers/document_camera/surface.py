"""Does the part of a larger outline outside a smaller one continue the smaller one's surface?

Used when an outline with one weak side would replace an outline inside it: a page whose last
side is washed out by glare or hidden by a finger continues the same paper up to that side,
while a page 'extended' to a stripe or edge of the desk takes in desk.
"""
from __future__ import annotations

import cv2
import numpy as np

SCALE = 0.125             # the comparison runs on a 1/8 image
MAX_CHROMA_DIFF = 14.0    # LAB a/b distance between the two surfaces' medians
MAX_LIGHT_RATIO = 0.5     # |log| of their lightness ratio (shadows darken paper, glare lifts it)


def _lab_small(image: np.ndarray) -> np.ndarray:
    small = cv2.resize(image, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_AREA)
    return cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)


def continues_surface(image: np.ndarray, big: np.ndarray, small: np.ndarray) -> bool:
    """True when the region inside outline big but outside outline small looks like small's inside."""
    lab = _lab_small(image)
    h, w = lab.shape[:2]
    inner = np.zeros((h, w), np.uint8)
    outer = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(inner, np.round(small * SCALE).astype(np.int32), 1)
    cv2.fillConvexPoly(outer, np.round(big * SCALE).astype(np.int32), 1)
    inner = cv2.erode(inner, np.ones((3, 3), np.uint8))       # away from the shared edges
    extra = cv2.erode(outer, np.ones((3, 3), np.uint8)) & (1 - cv2.dilate(inner, np.ones((5, 5), np.uint8)))
    if inner.sum() < 4 or extra.sum() < 4:
        return True                                             # too thin a strip to judge
    a = np.median(lab[inner > 0], axis=0)
    b = np.median(lab[extra > 0], axis=0)
    chroma = float(np.hypot(a[1] - b[1], a[2] - b[2]))
    light = abs(float(np.log((a[0] + 10) / (b[0] + 10))))
    return chroma <= MAX_CHROMA_DIFF and light <= MAX_LIGHT_RATIO
