"""Where a card too small for the whole-frame search may lie: compact card-shaped blobs.

An ID-1 or business card 80-200 px long in a 1080p frame is a few dozen pixels on the downscaled
work image, below the whole-frame search's smallest page. The foreground maps still show it as a
compact, filled blob with a card's aspect; such blobs become full-resolution crops in which the
detector runs again, the card then filling a good part of its crop.
"""
from __future__ import annotations

import cv2
import numpy as np

MIN_BLOB_FRAC = 0.0008      # of the work image: a card about 55 px long at 1080p
MAX_BLOB_FRAC = 0.03
MIN_FILL = 0.72             # blob area over its rotated bounding box (rounded corners, blur)
ASPECT_RANGE = (1.2, 2.1)   # ID-1 1.59, business cards 1.67-1.75, plus some tilt
MAX_REGIONS = 4
CROP_MARGIN = 0.9           # of the blob's long side, on every side of it


def card_boxes(maps: list[np.ndarray], scale: float, shape: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """Full-resolution crop boxes (x0, y0, x1, y1) around card-shaped blobs of the work-image maps.

    `scale` is full-resolution pixels per work-image pixel; `shape` the full image's (h, w).
    """
    area = maps[0].shape[0] * maps[0].shape[1]
    found: list[tuple[float, np.ndarray]] = []
    for m in maps:
        for mm in (m, 255 - m):
            cnts, _ = cv2.findContours(mm, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
            for c in cnts:
                ca = cv2.contourArea(c)
                if not MIN_BLOB_FRAC * area <= ca <= MAX_BLOB_FRAC * area:
                    continue
                (cx, cy), (rw, rh), _ = cv2.minAreaRect(c)
                if min(rw, rh) < 3:
                    continue
                fill = ca / (rw * rh)
                aspect = max(rw, rh) / min(rw, rh)
                if fill >= MIN_FILL and ASPECT_RANGE[0] <= aspect <= ASPECT_RANGE[1]:
                    found.append((fill, np.array([cx, cy, max(rw, rh)])))
    boxes: list[tuple[int, int, int, int]] = []
    kept: list[np.ndarray] = []
    h, w = shape
    for _, (cx, cy, size) in sorted(found, key=lambda f: -f[0]):
        if any(np.hypot(cx - k[0], cy - k[1]) < 0.3 * max(size, k[2]) for k in kept):
            continue                      # the same blob seen in another map
        kept.append(np.array([cx, cy, size]))
        half = (0.5 + CROP_MARGIN) * size * scale
        x, y = cx * scale, cy * scale
        box = (int(max(0, x - half)), int(max(0, y - half)), int(min(w, x + half)), int(min(h, y + half)))
        if box[2] - box[0] >= 32 and box[3] - box[1] >= 32:
            boxes.append(box)
        if len(boxes) >= MAX_REGIONS:
            break
    return boxes
