"""Where a faint QR code probably is: a compact square of raised local variance (low-contrast codes)."""
from __future__ import annotations

import cv2
import numpy as np

Box = tuple[int, int, int, int]


def faint_regions(gray: np.ndarray, limit: int = 1, factor: float = 3.0) -> list[Box]:
    """Boxes (x0, y0, x1, y1) of square-ish blobs whose local standard deviation stands out.

    decode.candidate_regions looks for strong edges, which a code at a few grey levels of contrast
    does not have; here the threshold is relative to the frame's typical local variation, on a
    quarter-size copy (which also averages sensor noise away).
    """
    h, w = gray.shape
    f = 4
    small = cv2.resize(gray, (w // f, h // f), interpolation=cv2.INTER_AREA).astype(np.float32)
    mean = cv2.boxFilter(small, -1, (5, 5))
    mean_sq = cv2.boxFilter(small * small, -1, (5, 5))
    std = np.sqrt(np.maximum(mean_sq - mean * mean, 0))
    threshold = max(1.0, factor * float(np.median(std[::3, ::3])))
    mask = cv2.morphologyEx((std > threshold).astype(np.uint8), cv2.MORPH_CLOSE,
                            np.ones((3, 3), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    scored = []
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        if bw < 5 or bh < 5 or max(bw, bh) > 2.5 * min(bw, bh):
            continue
        fill = area / float(bw * bh)
        if fill >= 0.5:
            scored.append((fill * area, (int(x * f), int(y * f), int((x + bw) * f),
                                         int((y + bh) * f))))
    scored.sort(reverse=True)
    return [box for _, box in scored[:limit]]
