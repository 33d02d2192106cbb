"""Full-resolution edge refinement: sub-pixel edge points along each side, robust line fits, corners.

For each side of a rough quadrilateral we sample short colour profiles across the side, take the
strongest colour step on each as an edge point, fit a line that ignores outliers (a finger or glare
over the edge), and intersect neighbouring lines. The share of sampled points that sit on the
fitted line is the side's "support", used to rank candidates.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from drivers.document_camera.geometry import line_intersection

SAMPLES = 40            # profiles per side
MIN_STEP = 12.0         # weakest colour step (0-255 units per 2 px) that counts as an edge
BOW_TRY_BELOW = 0.85    # a side whose straight fit has less support is also tried as a bow
BOW_GAIN = 0.1          # ... and the bow replaces the line when it explains this much more
MAX_BOW = 0.06          # deepest bow (sagitta over side length) that is still a page side


@dataclass
class Refined:
    """Refined corners and the evidence behind them."""

    corners: np.ndarray      # 4x2 float32, same order as the input
    support: np.ndarray      # per side, share of profiles on the fitted line
    contrast: float          # median edge step over inlier points


def _edge_points(img: np.ndarray, a: np.ndarray, b: np.ndarray, radius: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sub-pixel positions and strengths of the strongest step across the side a-b."""
    d = b - a
    length = float(np.hypot(*d)) or 1.0
    t_dir = d / length
    n = np.array([-t_dir[1], t_dir[0]])
    t = np.linspace(0.06, 0.94, SAMPLES)
    base = a[None, :] + t[:, None] * d[None, :]
    s = np.arange(-radius, radius + 1, dtype=np.float64)
    acc = None
    for shift in (-1.5, 0.0, 1.5):     # average three parallel profiles against noise
        pts = base[:, None, :] + s[None, :, None] * n[None, None, :] + shift * t_dir
        mx = pts[..., 0].astype(np.float32)
        my = pts[..., 1].astype(np.float32)
        prof = cv2.remap(img, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        prof = prof.astype(np.float32)
        acc = prof if acc is None else acc + prof
    prof = acc / 3.0
    diff = prof[:, 2:] - prof[:, :-2]
    mag = np.sqrt((diff * diff).sum(axis=2)) if diff.ndim == 3 else np.abs(diff)
    k = np.argmax(mag, axis=1)
    rows = np.arange(len(k))
    strength = mag[rows, k]
    # parabola through the peak and its neighbours for a sub-pixel offset
    km = np.clip(k, 1, mag.shape[1] - 2)
    y0, y1, y2 = mag[rows, km - 1], mag[rows, km], mag[rows, km + 1]
    den = y0 - 2 * y1 + y2
    frac = np.where(np.abs(den) > 1e-6, 0.5 * (y0 - y2) / np.where(den == 0, 1, den), 0.0)
    frac = np.where(k == km, np.clip(frac, -0.5, 0.5), 0.0)
    offset = s[1:-1][k] + frac
    points = base + offset[:, None] * n[None, :]
    return points, strength, offset


def _robust_line(points: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted total-least-squares line with iterative outlier rejection; returns point, dir, inliers."""
    keep = weights > 0
    p0 = d = None
    for _ in range(4):
        if keep.sum() < 4:
            break
        w = weights[keep]
        pts = points[keep]
        p0 = (pts * w[:, None]).sum(axis=0) / w.sum()
        c = pts - p0
        cov = (c * w[:, None]).T @ c
        evals, evecs = np.linalg.eigh(cov)
        d = evecs[:, 1]
        nrm = np.array([-d[1], d[0]])
        res = np.abs((points - p0) @ nrm)
        mad = np.median(res[keep]) * 1.4826
        thr = max(1.0, 2.5 * mad)
        new_keep = (weights > 0) & (res <= thr)
        if np.array_equal(new_keep, keep):
            break
        keep = new_keep
    if p0 is None or d is None:
        return np.zeros(2), np.array([1.0, 0.0]), np.zeros(len(points), bool)
    nrm = np.array([-d[1], d[0]])
    res = np.abs((points - p0) @ nrm)
    return p0, d, (weights > 0) & (res <= 1.5)


def _robust_bow(t: np.ndarray, offset: np.ndarray, weights: np.ndarray, length: float
                ) -> tuple[np.ndarray, np.ndarray] | None:
    """Quadratic offset(t) across a side with outlier rejection: a bowed (curled) page's side.

    Returns the polynomial coefficients and the inlier mask, or None when too few points or the
    bow is deeper than MAX_BOW of the side's length (then it is no page side).
    """
    keep = weights > 0
    coef = None
    for _ in range(4):
        if keep.sum() < 8:
            return None
        coef = np.polyfit(t[keep], offset[keep], 2, w=np.sqrt(weights[keep]))
        res = np.abs(np.polyval(coef, t) - offset)
        thr = max(1.0, 2.5 * np.median(res[keep]) * 1.4826)
        new_keep = (weights > 0) & (res <= thr)
        if np.array_equal(new_keep, keep):
            break
        keep = new_keep
    if coef is None or abs(coef[0]) / 4 > MAX_BOW * length:
        return None
    return coef, (weights > 0) & (np.abs(np.polyval(coef, t) - offset) <= 1.5)


def _bowed_side(a: np.ndarray, b: np.ndarray, offset: np.ndarray, weights: np.ndarray,
                line_support: float) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray] | None:
    """For a side the straight fit explains poorly: the chord of a fitted bow, and its inliers.

    The chord joins the curve's ends, which is where the lifted corners are; neighbouring sides
    meet it there.
    """
    if line_support >= BOW_TRY_BELOW:
        return None
    t = np.linspace(0.06, 0.94, SAMPLES)
    length = float(np.linalg.norm(b - a))
    fit = _robust_bow(t, offset, weights, length)
    if fit is None or fit[1].mean() < line_support + BOW_GAIN:
        return None
    d = (b - a) / max(length, 1e-9)
    n = np.array([-d[1], d[0]])
    p0 = a + np.polyval(fit[0], 0.0) * n
    p1 = b + np.polyval(fit[0], 1.0) * n
    return (p0, (p1 - p0) / max(float(np.linalg.norm(p1 - p0)), 1e-9)), fit[1]


def refine_quad(img: np.ndarray, quad: np.ndarray, radius: int) -> Refined | None:
    """One refinement pass of the quad's four sides within +-radius pixels; None when degenerate."""
    q = np.asarray(quad, np.float64).reshape(4, 2)
    lines = []
    support = np.zeros(4)
    steps = []
    for i in range(4):
        pts, strength, offset = _edge_points(img, q[i], q[(i + 1) % 4], radius)
        ok = strength >= MIN_STEP
        if ok.sum() >= 4:
            ok &= strength >= 0.35 * np.median(strength[ok])
        weights = np.where(ok, strength, 0.0)
        p0, d, inl = _robust_line(pts, weights)
        if inl.sum() < 4:
            return None
        bowed = _bowed_side(q[i], q[(i + 1) % 4], offset, weights, float(inl.mean()))
        if bowed is not None:
            (p0, d), inl = bowed
        lines.append((p0, d))
        support[i] = inl.mean()
        steps.append(strength[inl])
    weak = np.flatnonzero(support < BOW_TRY_BELOW)
    if len(weak) == 1:
        # one poor side, three good ones: maybe a bow deeper than the search band; look again
        # as far out as a bow may reach
        i = int(weak[0])
        wide = int(MAX_BOW * np.linalg.norm(q[(i + 1) % 4] - q[i]))
        if wide > radius:
            _, s2, off2 = _edge_points(img, q[i], q[(i + 1) % 4], wide)
            bowed = _bowed_side(q[i], q[(i + 1) % 4], off2, np.where(s2 >= MIN_STEP, s2, 0.0), support[i])
            if bowed is not None:
                lines[i], inl = bowed
                support[i] = inl.mean()
                steps[i] = s2[inl]
    corners = []
    for i in range(4):
        c = line_intersection(lines[i - 1], lines[i])
        if c is None:
            return None
        corners.append(c)
    contrast = float(np.median(np.concatenate(steps)))
    return Refined(np.array(corners, np.float32), support, contrast)
