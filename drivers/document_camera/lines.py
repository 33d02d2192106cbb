"""Page outline hypotheses from straight edges: line segments, merged lines, scored quadrilaterals.

A page side is a long straight edge that stops at two corners. We detect line segments (LSD) on a
downscaled image, merge collinear segments into lines (a finger or glare over a side splits it into
several segments), pair roughly parallel lines into opposite sides, combine two such pairs into
quadrilaterals and rank them by how much of each side is covered by edge segments, minus a penalty
for lines that run on past the corners (grout lines, stripes and table edges do; page sides do not).
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_SEG = 8.0            # shortest segment kept, in work-image pixels
ANGLE_TOL = np.radians(3.0)
DIST_TOL = 2.0           # px: a segment joins a line when both ends are this close to it
MAX_LINES = 40
MAX_CANDIDATE_LINES = 160
STEP_PROBES = 16
STEP_MIN = 18.0          # colour difference (0-255 units) across a line that makes it a step
MIN_LINE_STEP = 0.3
FAMILY_ANGLE = np.radians(2.0)
FAMILY_GAP = 6.0
OPPOSITE_MAX = np.radians(45.0)   # opposite sides of a page photographed at a steep slant
ADJACENT_MIN = np.radians(50.0)
MIN_SIDE_COVER = 0.45
MIN_HIDDEN_COVER = 0.2   # the one side a finger may mostly hide ...
MIN_OTHER_COVER = 0.75   # ... when the other three are covered at least this well
RELAXED_COVER = (0.25, 0.12, 0.45)   # the three above, for the second, relaxed search
RUN_ON = (3, 12)         # px beyond a corner inspected for a line that keeps going

_LSD = None


@dataclass
class Lines:
    """Merged lines: a point, unit direction and a coverage profile along each."""

    origin: np.ndarray       # Nx2 points on the lines
    direction: np.ndarray    # Nx2 unit directions
    angle: np.ndarray        # N, direction angle in [0, pi)
    cover: np.ndarray        # N x L cumulative sum of covered pixels along t, t = arange(L) - offset
    offset: int


def segments(gray: np.ndarray) -> np.ndarray:
    """Line segments (x1, y1, x2, y2) of a greyscale image, shortest ones dropped."""
    global _LSD
    if _LSD is None:
        _LSD = cv2.createLineSegmentDetector(cv2.LSD_REFINE_STD)
    found = _LSD.detect(gray)[0]
    if found is None:
        return np.zeros((0, 4), np.float32)
    s = found.reshape(-1, 4)
    length = np.hypot(s[:, 2] - s[:, 0], s[:, 3] - s[:, 1])
    return s[length >= MIN_SEG]


def merge(segs: np.ndarray, img: np.ndarray, step_min: float = STEP_MIN) -> Lines | None:
    """Greedy merge of collinear segments, longest first; the MAX_LINES best step edges are kept.

    Lines are ranked by covered length times the share of their points where the colour on one
    side differs from the other (a step); thin stripes and grout lines have the same colour on
    both sides and drop out, however long they are.
    """
    if len(segs) == 0:
        return None
    p, q = segs[:, :2].astype(np.float64), segs[:, 2:].astype(np.float64)
    length = np.hypot(*(q - p).T)
    order = np.argsort(-length)
    d = (q - p) / length[:, None]
    ang = np.mod(np.arctan2(d[:, 1], d[:, 0]), np.pi)
    owner = np.full(len(segs), -1)
    heads: list[int] = []
    for i in order:
        if owner[i] >= 0:
            continue
        owner[i] = len(heads)
        heads.append(i)
        n = np.array([-d[i, 1], d[i, 0]])
        da = np.abs(ang - ang[i])
        da = np.minimum(da, np.pi - da)
        near = (owner < 0) & (da < ANGLE_TOL)
        near &= np.abs((p - p[i]) @ n) < DIST_TOL
        near &= np.abs((q - p[i]) @ n) < DIST_TOL
        owner[near] = owner[i]
    total = np.bincount(owner, weights=length)
    cand = np.argsort(-total)[:MAX_CANDIDATE_LINES]
    diag = int(np.hypot(*img.shape[:2])) + 2
    offset = diag
    cover = np.zeros((len(cand), 2 * diag + 1), np.float32)
    origin = np.zeros((len(cand), 2))
    direction = np.zeros((len(cand), 2))
    probes = np.zeros((len(cand), STEP_PROBES, 2))
    for row, k in enumerate(cand):
        members = np.flatnonzero(owner == k)
        pts = np.concatenate([p[members], q[members]])
        w = np.concatenate([length[members], length[members]])
        c = (pts * w[:, None]).sum(axis=0) / w.sum()
        cov = ((pts - c) * w[:, None]).T @ (pts - c)
        dv = np.linalg.eigh(cov)[1][:, 1]
        origin[row], direction[row] = c, dv
        occ = np.zeros(2 * diag + 1, np.float32)
        for m in members:
            a, b = sorted(((p[m] - c) @ dv, (q[m] - c) @ dv))
            occ[int(round(a)) + offset:int(round(b)) + offset + 1] = 1.0
        cover[row] = np.cumsum(occ)
        on = np.flatnonzero(occ) - offset
        t = on[np.linspace(0, len(on) - 1, STEP_PROBES).round().astype(int)]
        probes[row] = c + t[:, None] * dv
    step = _step_share(img, probes, direction, step_min)
    weight = cover[:, -1] * step / np.sqrt(1.0 + _family_size(origin, direction, step >= MIN_LINE_STEP))
    keep = np.argsort(-weight)[:MAX_LINES]
    keep = keep[step[keep] >= MIN_LINE_STEP]
    if len(keep) == 0:
        return None
    origin, direction = origin[keep], direction[keep]
    angle = np.mod(np.arctan2(direction[:, 1], direction[:, 0]), np.pi)
    return Lines(origin, direction, angle, cover[keep], offset)


def _family_size(origin: np.ndarray, direction: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Per line, how many other valid lines run parallel to it (stripes, tiles, ruled patterns).

    A desk pattern repeats one direction many times; a page contributes at most its two opposite
    sides and their shadows, so a large family marks texture rather than an outline.
    """
    ang = np.mod(np.arctan2(direction[:, 1], direction[:, 0]), np.pi)
    da = _angle_diff(ang[:, None], ang[None, :])
    nrm = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
    dist = np.abs(((origin[None, :, :] - origin[:, None, :]) * nrm[:, None, :]).sum(axis=2))
    same = (da < FAMILY_ANGLE) & (dist > FAMILY_GAP) & valid[None, :]
    return same.sum(axis=1).astype(np.float64)


def _step_share(img: np.ndarray, probes: np.ndarray, direction: np.ndarray,
                step_min: float) -> np.ndarray:
    """Per line, the share of probe points with different colours on its two sides."""
    n = np.stack([-direction[:, 1], direction[:, 0]], axis=1)[:, None, None, :]
    offs = np.array([-5.0, -4.0, -3.0, 3.0, 4.0, 5.0])[None, None, :, None]
    pts = (probes[:, :, None, :] + offs * n).astype(np.float32)
    k, m = pts.shape[:2]
    flat = pts.reshape(1, -1, 2)
    vals = cv2.remap(img, flat[..., 0], flat[..., 1], cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
    vals = vals.reshape(k, m, 6, -1)
    diff = np.linalg.norm(vals[:, :, :3].mean(axis=2) - vals[:, :, 3:].mean(axis=2), axis=2)
    return (diff > step_min).mean(axis=1)


def _angle_diff(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    d = np.abs(a - b)
    return np.minimum(d, np.pi - d)


def _intersect(lines: Lines, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Intersection points of lines i and j (arrays), and its position t along line i."""
    p, d = lines.origin[i], lines.direction[i]
    q, e = lines.origin[j], lines.direction[j]
    det = d[:, 0] * (-e[:, 1]) - d[:, 1] * (-e[:, 0])
    det = np.where(np.abs(det) < 1e-9, 1e-9, det)
    r = q - p
    t = (r[:, 0] * (-e[:, 1]) - r[:, 1] * (-e[:, 0])) / det
    return p + t[:, None] * d, t


def _covered(lines: Lines, idx: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Covered pixels of line idx between positions a and b (any order)."""
    lo = np.clip(np.minimum(a, b).round().astype(int) + lines.offset, 0, lines.cover.shape[1] - 1)
    hi = np.clip(np.maximum(a, b).round().astype(int) + lines.offset, 0, lines.cover.shape[1] - 1)
    return lines.cover[idx, hi] - lines.cover[idx, lo]


def _convex(corners: np.ndarray) -> np.ndarray:
    """True for each strictly convex quadrilateral in a Kx4x2 array."""
    e = np.roll(corners, -1, axis=1) - corners
    f = np.roll(e, -1, axis=1)
    cross = e[..., 0] * f[..., 1] - e[..., 1] * f[..., 0]
    return (cross > 0).all(axis=1) | (cross < 0).all(axis=1)


def hypotheses(lines: Lines, shape: tuple[int, int], min_side: float,
               limit: int = 8, relaxed: bool = False) -> list[tuple[np.ndarray, float]]:
    """Best quadrilaterals (4x2, work-image pixels, cyclic order) with their edge-coverage scores.

    `relaxed` accepts sides the segment detector covered poorly (a shadow or a low-contrast desk
    along them); the caller then checks every outline at full resolution.
    """
    side_cover, hidden_cover, other_cover = RELAXED_COVER if relaxed else (
        MIN_SIDE_COVER, MIN_HIDDEN_COVER, MIN_OTHER_COVER)
    n = len(lines.angle)
    if n < 4:
        return []
    ii, jj = np.triu_indices(n, 1)
    par = _angle_diff(lines.angle[ii], lines.angle[jj]) < OPPOSITE_MAX
    # opposite sides must be far enough apart
    mid = (lines.origin[ii] + lines.origin[jj]) / 2
    nrm = np.stack([-lines.direction[ii, 1], lines.direction[ii, 0]], axis=1)
    sep = np.abs(((lines.origin[jj] - lines.origin[ii]) * nrm).sum(axis=1))
    par &= sep >= min_side
    pi, pj = ii[par], jj[par]
    if len(pi) < 2:
        return []
    mean_ang = np.mod(np.arctan2(
        np.sin(2 * lines.angle[pi]) + np.sin(2 * lines.angle[pj]),
        np.cos(2 * lines.angle[pi]) + np.cos(2 * lines.angle[pj])) / 2, np.pi)
    del mid
    a, b = np.triu_indices(len(pi), 1)
    ok = _angle_diff(mean_ang[a], mean_ang[b]) > ADJACENT_MIN
    ok &= (pi[a] != pi[b]) & (pi[a] != pj[b]) & (pj[a] != pi[b]) & (pj[a] != pj[b])
    a, b = a[ok], b[ok]
    if len(a) == 0:
        return []
    # sides in cyclic order: A1, B1, A2, B2 (A = first pair, B = second pair)
    s = np.stack([pi[a], pi[b], pj[a], pj[b]], axis=1)
    corners = np.zeros((len(a), 4, 2))
    tpos = np.zeros((len(a), 4, 2))         # per side: t at its start and end corner
    for k in range(4):
        c, t_here = _intersect(lines, s[:, k], s[:, (k + 1) % 4])
        _, t_next = _intersect(lines, s[:, (k + 1) % 4], s[:, k])
        corners[:, k] = c
        tpos[:, k, 1] = t_here
        tpos[:, (k + 1) % 4, 0] = t_next
    h, w = shape
    margin = 0.04 * max(h, w)
    inside = ((corners[..., 0] > -margin) & (corners[..., 0] < w + margin)
              & (corners[..., 1] > -margin) & (corners[..., 1] < h + margin)).all(axis=1)
    side_len = np.abs(tpos[..., 1] - tpos[..., 0])
    inside &= side_len.min(axis=1) >= min_side
    if not inside.any():
        return []
    s, corners, tpos, side_len = s[inside], corners[inside], tpos[inside], side_len[inside]
    cov = np.zeros(side_len.shape)
    run_on = np.zeros(side_len.shape)
    for k in range(4):
        t0, t1 = tpos[:, k, 0], tpos[:, k, 1]
        sgn = np.sign(t1 - t0)
        cov[:, k] = _covered(lines, s[:, k], t0, t1) / np.maximum(side_len[:, k], 1)
        span = RUN_ON[1] - RUN_ON[0]
        before = _covered(lines, s[:, k], t0 - sgn * RUN_ON[0], t0 - sgn * RUN_ON[1]) / span
        after = _covered(lines, s[:, k], t1 + sgn * RUN_ON[0], t1 + sgn * RUN_ON[1]) / span
        run_on[:, k] = np.minimum(1.0, (before + after) / 2)
    convex = _convex(corners)
    # a finger or glare may hide most of one side: three well-covered sides carry the fourth
    second = np.sort(cov, axis=1)[:, 1]
    good = convex & ((cov.min(axis=1) >= side_cover)
                     | ((cov.min(axis=1) >= hidden_cover) & (second >= other_cover)))
    if not good.any():
        return []
    cov, run_on, corners, side_len = cov[good], run_on[good], corners[good], side_len[good]
    perimeter = side_len.sum(axis=1)
    covered = (cov * side_len).sum(axis=1) / perimeter
    score = covered * (0.5 + 0.5 * cov.min(axis=1)) - 0.25 * run_on.mean(axis=1)
    # larger outlines win ties: a page beats the photo printed on it
    rank = score + 0.1 * perimeter / (2 * (h + w))
    out: list[tuple[np.ndarray, float]] = []
    for k in np.argsort(-rank):
        q = corners[k]
        if any(min(np.abs(np.roll(q, r, axis=0) - o).max() for r in range(4)) < 3 for o, _ in out):
            continue
        out.append((q.astype(np.float32), float(score[k])))
        if len(out) >= limit:
            break
    return out
