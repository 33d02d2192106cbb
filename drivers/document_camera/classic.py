"""The classic page finder (grey, blur, Canny, largest 4-point contour): the benchmark baseline."""
from __future__ import annotations

import cv2
import numpy as np

from drivers.document_camera.geometry import order_corners


def detect_classic(image: np.ndarray, work_height: int = 500) -> np.ndarray | None:
    """Corners of the largest quadrilateral contour in the Canny edge map, or None."""
    scale = work_height / image.shape[0]
    small = cv2.resize(image, (int(round(image.shape[1] * scale)), work_height),
                       interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    edges = cv2.Canny(gray, 75, 200)
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    for c in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        peri = cv2.arcLength(c, True)
        approx = cv2.approxPolyDP(c, 0.02 * peri, True)
        if len(approx) == 4:
            return order_corners(approx.reshape(4, 2).astype(np.float32) / scale)
    return None
