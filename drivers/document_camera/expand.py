"""Outer-rim hypotheses: a found outline may be a frame printed on the page, the page's rim just outside.

Certificates carry a coloured border a few millimetres inside the paper's edge, and ID cards a
coloured band; that printed edge is often a stronger step than paper against a light desk. For
each side of an outline we look for a straight, parallel edge in a band just outside it and, when
one is found, offer the outline moved out to it as another candidate (detect.py decides).
"""
from __future__ import annotations

import numpy as np

from drivers.document_camera.geometry import line_intersection, side_lengths
from drivers.document_camera.refine import MIN_STEP, _edge_points, _robust_line

BAND = 0.06              # of the mean side length: how far outside an outer rim is looked for
GAP = 3.0                # px skipped just outside the side (the found edge's own blur)
MIN_SUPPORT = 0.6        # share of profiles on the outer line for it to count
MAX_TILT = 0.05          # rad: the outer line must run parallel to the side


def _outward(q: np.ndarray, i: int) -> np.ndarray:
    """Unit normal of side i pointing away from the outline's centre."""
    a, b = q[i], q[(i + 1) % 4]
    d = (b - a) / (np.linalg.norm(b - a) + 1e-9)
    n = np.array([-d[1], d[0]])
    return n if np.dot(a - q.mean(axis=0), n) > 0 else -n


def outer_variant(image: np.ndarray, corners: np.ndarray) -> np.ndarray | None:
    """The outline with each side moved out to a parallel edge just outside it; None if none moved."""
    q = np.asarray(corners, np.float64).reshape(4, 2)
    band = max(6.0, BAND * float(side_lengths(q).mean()))
    half = band / 2
    lines, moved = [], False
    for i in range(4):
        a, b = q[i], q[(i + 1) % 4]
        n = _outward(q, i)
        shift = n * (GAP + half)
        pts, strength, _ = _edge_points(image, a + shift, b + shift, int(round(half)))
        ok = strength >= MIN_STEP
        p0, d, inl = _robust_line(pts, np.where(ok, strength, 0.0))
        side_dir = (b - a) / (np.linalg.norm(b - a) + 1e-9)
        parallel = abs(float(side_dir[0] * d[1] - side_dir[1] * d[0])) < MAX_TILT
        if inl.mean() >= MIN_SUPPORT and parallel and np.dot(p0 - a, n) > GAP:
            lines.append((p0, d))
            moved = True
        else:
            lines.append((a, side_dir))
    if not moved:
        return None
    out = []
    for i in range(4):
        c = line_intersection(lines[i - 1], lines[i])
        if c is None:
            return None
        out.append(c)
    return np.array(out, np.float32)
