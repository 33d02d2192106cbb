"""Quadrilateral helpers: corner order, polygon IoU, angles and the side-length aspect ratio."""
from __future__ import annotations

import cv2
import numpy as np


def order_corners(pts: np.ndarray) -> np.ndarray:
    """Four points clockwise (image y down), starting from the one nearest the image's top-left."""
    p = np.asarray(pts, dtype=np.float32).reshape(4, 2)
    c = p.mean(axis=0)
    ang = np.arctan2(p[:, 1] - c[1], p[:, 0] - c[0])
    p = p[np.argsort(ang)]          # increasing angle is clockwise on screen
    start = int(np.argmin(p[:, 0] + p[:, 1]))
    return np.roll(p, -start, axis=0)


def quad_area(q: np.ndarray) -> float:
    """Area of a simple polygon."""
    return float(abs(cv2.contourArea(np.asarray(q, np.float32).reshape(-1, 1, 2))))


def polygon_iou(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard index of two convex polygons."""
    pa = order_corners(a).reshape(-1, 1, 2)
    pb = order_corners(b).reshape(-1, 1, 2)
    inter, _ = cv2.intersectConvexConvex(pa, pb)
    union = quad_area(pa) + quad_area(pb) - inter
    return float(inter / union) if union > 0 else 0.0


def is_convex(q: np.ndarray) -> bool:
    """True for a convex, non-degenerate quadrilateral."""
    return bool(cv2.isContourConvex(np.asarray(q, np.float32).reshape(-1, 1, 2))) and quad_area(q) > 1


def interior_angles(q: np.ndarray) -> np.ndarray:
    """Interior angle at each corner, in degrees."""
    q = np.asarray(q, np.float64).reshape(4, 2)
    out = []
    for i in range(4):
        u = q[i - 1] - q[i]
        v = q[(i + 1) % 4] - q[i]
        cosv = np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9)
        out.append(np.degrees(np.arccos(np.clip(cosv, -1, 1))))
    return np.array(out)


def side_lengths(q: np.ndarray) -> np.ndarray:
    """Lengths of sides 0-1, 1-2, 2-3, 3-0."""
    q = np.asarray(q, np.float64).reshape(4, 2)
    return np.linalg.norm(q - np.roll(q, -1, axis=0), axis=1)


def aspect_ratio(q: np.ndarray) -> float:
    """Long over short side, each averaged over the opposite pair (>= 1)."""
    s = side_lengths(q)
    a, b = (s[0] + s[2]) / 2, (s[1] + s[3]) / 2
    return float(max(a, b) / max(1e-9, min(a, b)))


def line_intersection(l1: tuple[np.ndarray, np.ndarray], l2: tuple[np.ndarray, np.ndarray]) -> np.ndarray | None:
    """Intersection of two lines given as (point, unit direction); None when parallel."""
    p, d = l1
    q, e = l2
    m = np.array([[d[0], -e[0]], [d[1], -e[1]]])
    det = np.linalg.det(m)
    if abs(det) < 1e-9:
        return None
    t, _ = np.linalg.solve(m, q - p)
    return p + t * d
