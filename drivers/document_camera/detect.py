"""Page and card outline detection that survives dark, wooden, patterned, white and beige desks.

Pipeline: (1) measure how busy the scene is and set the colour step that counts as an edge from it
(a white page on a white desk differs by a few grey levels); (2) straight-edge hypotheses from line
segments on the grey image, plus a contrast-stretched copy on quiet scenes (lines.py; a finger may
hide most of one side); (3) when those are not convincing, several foreground maps (brightness,
"paper-ness", colour distance from the frame border, closed colour-gradient edges) turned into
rough quadrilaterals; (4) refine every candidate at full resolution with sub-pixel edge points and
outlier-tolerant line fits (refine.py), and offer the best ones moved out to a parallel rim just
outside (expand.py: a certificate's printed frame is not the paper's edge); (5) among the
candidates that pass the sanity checks (convex, near-right angles, page or card aspect, a step
all round, one surface inside, sides that stop at the corners), outer outlines win over the
outlines inside them (an ID photo, a text block), then the most edge support wins; an outline
with one weak side (glare, a finger) covers one inside it when the extra part is the same surface
(surface.py). Steps (2)-(3) add a relaxed straight-edge search (poorly covered sides: shadows,
low contrast); refine.py fits a bowed side (a curled page) by its chord; (6) when nothing is found,
card-shaped blobs too small for the whole-frame search are searched again in full-resolution crops
(small_cards.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from drivers.document_camera.expand import outer_variant
from drivers.document_camera.geometry import (aspect_ratio, interior_angles, is_convex,
                                              order_corners, polygon_iou, quad_area)
from drivers.document_camera.lines import hypotheses, merge, segments
from drivers.document_camera.refine import refine_quad
from drivers.document_camera.small_cards import card_boxes
from drivers.document_camera.surface import continues_surface
from drivers.image_limits import frame_ok

WORK_WIDTH = 512
MIN_AREA_FRAC = 0.015       # of the frame
MAX_AREA_FRAC = 0.97
MIN_SCORE = 0.55
FRAME_BORDER = 8.0          # px: a side this close to the frame's edge along its length is the frame
LINE_WIDTH = 480            # work width for the straight-edge search
LINE_HYPOTHESES = 12
RELAXED_HYPOTHESES = 24     # when those are not convincing: outlines with poorly covered sides
OUTER_TRIES = 3             # best outlines checked for an outer rim (a printed frame's paper edge)
CONFIDENT = 0.9             # a straight-edge result this good skips the region-based search
STEP_MIN = 18.0             # colour difference across a side that counts as a step (busy scenes)
STEP_MIN_LOW = 4.0          # ... on plain, quiet desks
STEP_PER_TEXTURE = 1.0      # step threshold per unit of the scene's median gradient
MIN_STEP_SHARE = 0.5
STEP_DEPTHS = (6.0, 12.0, 18.0)   # px from the outline where inside and outside are compared
MIN_UNIFORM = 0.6
GLARE_L = 235.0             # LAB lightness of a blown-out, colourless highlight ...
GLARE_ABOVE = 25.0          # ... this far above the outline's typical inside
JUMP = 25.0                 # LAB distance between neighbouring inner samples that is a new surface
MAX_JUMPS = 2               # an inside with at most this many such jumps is one (possibly graded) surface
MAX_GLARE_SHARE = 0.4       # at most this share of the inner border counts as glare
RUN_ON_PENALTY = 0.3
MAX_RUN_ON = 0.5            # half the sides running on past their corners marks a pattern
NESTED_MIN = 0.65           # an outer outline at least this good beats one nested inside it
COVER_MIN = 0.6             # weakest outline that can cover another it shares sides with
COVER_MARGIN = 0.1          # score a larger outline sharing sides with a smaller one may lose by
ONE_WEAK_MARGIN = 0.25     # score an outline with one weak side and three strong ones may lose by
ONE_WEAK_OTHERS = 0.9      # support of those three strong sides
NESTED_MARGIN = 0.02        # of the outer outline's size: how far inside a nested one must sit
CARD_MIN_SCORE = 0.8        # a small card found in a crop must be this well supported ...
CARD_ASPECT = (1.45, 1.9)   # ... and have a card's aspect (ID-1 1.59, business cards 1.67-1.75)
_CLAHE = cv2.createCLAHE(2.0, (8, 8))


@dataclass
class Detection:
    """A found page: corners clockwise from the one nearest the image's top-left, and a score."""

    corners: np.ndarray      # 4x2 float32, full-resolution pixels
    score: float             # 0..1, mean edge support of the four sides
    contrast: float          # median colour step along the outline
    outer_tried: bool = False   # an outer rim around it has been looked for
    strong_sides: float = 0.0   # mean support of its three best-supported sides


def _otsu(channel: np.ndarray) -> np.ndarray:
    _, m = cv2.threshold(channel, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return m


def _maps(small: np.ndarray) -> list[np.ndarray]:
    """Binary foreground maps, each a different guess at 'where the page is'."""
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    lab = cv2.cvtColor(blur, cv2.COLOR_BGR2LAB).astype(np.float32)
    L, a, b = lab[..., 0], lab[..., 1] - 128, lab[..., 2] - 128
    chroma = np.sqrt(a * a + b * b)
    maps = [_otsu(L.astype(np.uint8))]
    paper = np.clip(L - 2.5 * chroma, 0, 255).astype(np.uint8)
    maps.append(_otsu(paper))
    border = np.concatenate([lab[:4].reshape(-1, 3), lab[-4:].reshape(-1, 3),
                             lab[:, :4].reshape(-1, 3), lab[:, -4:].reshape(-1, 3)])
    ref = np.median(border, axis=0)
    dist = np.sqrt(((lab - ref) ** 2 * np.array([1.0, 2.0, 2.0], np.float32)).sum(axis=2))
    maps.append(_otsu(np.clip(dist * 2, 0, 255).astype(np.uint8)))
    # gradient edges of the log-brightness and chroma: soft shadows fade, paper edges stay
    logl = np.log1p(L) * 60.0
    g = np.zeros_like(L)
    for ch in (logl, a * 1.5, b * 1.5):
        gx = cv2.Sobel(ch, cv2.CV_32F, 1, 0, ksize=3)
        gy = cv2.Sobel(ch, cv2.CV_32F, 0, 1, ksize=3)
        g = np.maximum(g, cv2.magnitude(gx, gy))
    for thr, close in ((max(25.0, float(np.percentile(g, 85))), 5), (12.0, 7)):
        # the second, weaker threshold catches low-contrast edges such as white on light grey
        edges = (g > thr).astype(np.uint8) * 255
        edges = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, np.ones((close, close), np.uint8))
        filled = np.zeros_like(edges)
        cnts, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        cv2.drawContours(filled, cnts, -1, 255, -1)
        maps.append(filled)
    return maps


def _quad_from_contour(c: np.ndarray) -> np.ndarray | None:
    """Four-corner approximation of a region's convex hull, or None."""
    hull = cv2.convexHull(c)
    peri = cv2.arcLength(hull, True)
    lo, hi = 0.005, 0.15
    for _ in range(12):
        eps = (lo + hi) / 2
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float32)
        if len(approx) > 4:
            lo = eps
        else:
            hi = eps
    return None


def _candidates(small: np.ndarray, maps: list[np.ndarray]) -> list[np.ndarray]:
    """Rough quads (small-image pixels) from the largest regions of every map, duplicates merged."""
    area = small.shape[0] * small.shape[1]
    kernel = np.ones((3, 3), np.uint8)
    # a wide opening cuts off fingers and thin bridges to background shapes
    k = int(0.045 * small.shape[1]) | 1
    wide = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    quads: list[np.ndarray] = []
    variants = []
    for m in maps:
        m = cv2.morphologyEx(m, cv2.MORPH_OPEN, kernel)
        variants += [m, cv2.morphologyEx(m, cv2.MORPH_OPEN, wide)]
    for m in variants:
        for inv in (False, True):
            mm = 255 - m if inv else m
            cnts, _ = cv2.findContours(mm, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
            cnts = sorted(cnts, key=cv2.contourArea, reverse=True)[:2]
            for c in cnts:
                ca = cv2.contourArea(c)
                if not (MIN_AREA_FRAC * area <= ca <= MAX_AREA_FRAC * area):
                    continue
                q = _quad_from_contour(c)
                if q is None or not is_convex(q):
                    continue
                if ca < 0.75 * quad_area(q):
                    continue
                q = order_corners(q)
                if all(polygon_iou(q, o) < 0.97 for o in quads):
                    quads.append(q)
    return quads


def _on_frame_border(q: np.ndarray, w: int, h: int) -> bool:
    """True when a side runs along the frame's border: the frame cut the page there, or it is no page."""
    for i in range(4):
        a, b = q[i], q[(i + 1) % 4]
        for axis, limit in ((0, w - 1), (1, h - 1)):
            for edge in (0.0, float(limit)):
                if abs(a[axis] - edge) < FRAME_BORDER and abs(b[axis] - edge) < FRAME_BORDER:
                    return True
    return False


def plausible(q: np.ndarray, frame_area: float) -> bool:
    """Geometric sanity: convex, near-right angles, page/card aspect, sensible size."""
    if not is_convex(q):
        return False
    ang = interior_angles(q)
    if ang.min() < 50 or ang.max() > 130:
        return False
    if not 1.0 <= aspect_ratio(q) <= 2.1:
        return False
    a = quad_area(q)
    return MIN_AREA_FRAC * frame_area <= a <= MAX_AREA_FRAC * frame_area


def _border_samples(image: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Colours just inside and just outside the outline: (N, 3, C) each, at three depths."""
    c = q.mean(axis=0)
    pts, normals = [], []
    t = np.linspace(0.1, 0.9, 24)
    for i in range(4):
        a, b = q[i], q[(i + 1) % 4]
        d = (b - a) / (np.linalg.norm(b - a) + 1e-9)
        n = np.array([-d[1], d[0]])
        if np.dot(c - a, n) < 0:
            n = -n                      # point inwards
        pts.append(a + t[:, None] * (b - a))
        normals.append(np.repeat(n[None], len(t), axis=0))
    p = np.concatenate(pts)
    n = np.concatenate(normals)
    offs = np.array(STEP_DEPTHS)
    inner = p[:, None, :] + offs[None, :, None] * n[:, None, :]
    outer = p[:, None, :] - offs[None, :, None] * n[:, None, :]
    sample = np.concatenate([inner, outer], axis=1).astype(np.float32)
    vals = cv2.remap(image, sample[..., 0], sample[..., 1], cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
    k = len(offs)
    return vals[:, :k], vals[:, k:]


def _step(image: np.ndarray, q: np.ndarray, step_min: float = STEP_MIN) -> float:
    """Share of points along the outline whose colour just inside differs from just outside.

    A page side is a step between two surfaces; grout lines, stripes and printed rules are ridges
    with the same surface on both sides. Medians over three depths step over a ridge up to
    about STEP_DEPTHS[1] pixels wide, so ridges score low here even with strong edges.
    """
    inner, outer = _border_samples(image, q)
    diff = np.linalg.norm(np.median(inner, axis=1) - np.median(outer, axis=1), axis=1)
    return float((diff > step_min).mean())


def _uniform_inside(image: np.ndarray, q: np.ndarray) -> float:
    """Share of the outline's inner border that matches its dominant colour (one surface: a page).

    A grid-aligned outline on a checkerboard or tiled desk has steps all round too, but its inside
    alternates between surfaces. Brightness may drift (shadows, vignetting), so brightness is
    compared as a ratio and colour as chroma.
    """
    inner, _ = _border_samples(image, q)
    lab = cv2.cvtColor(np.median(inner, axis=1).astype(np.uint8)[None], cv2.COLOR_BGR2LAB)[0]
    lab = lab.astype(np.float32)
    med = np.median(lab, axis=0)
    light = np.abs(np.log((lab[:, 0] + 10) / (med[0] + 10)))
    chroma = np.hypot(lab[:, 1] - med[1], lab[:, 2] - med[2])
    same = (light < 0.7) & (chroma < 15)
    # a colour gradient (a bank card's print) drifts smoothly; another surface starts abruptly
    jumps = np.linalg.norm(np.diff(np.vstack([lab, lab[:1]]), axis=0), axis=1) > JUMP
    if jumps.sum() <= MAX_JUMPS:
        return 1.0
    # a lamp's blown-out highlight on part of the page is the page too, not a second surface
    glare = (lab[:, 0] > max(med[0] + GLARE_ABOVE, GLARE_L)) & (np.hypot(lab[:, 1] - 128, lab[:, 2] - 128) < 12)
    if glare.mean() <= MAX_GLARE_SHARE:
        same |= glare
    return float(same.mean())


def _runs_on(image: np.ndarray, q: np.ndarray) -> float:
    """Share of the eight side extensions past the corners along which the edge keeps going.

    A page lies on the desk and ends at its corners; a square of a checkerboard or a tile is cut
    out of lines that run on through its corners.
    """
    ext = []
    d_px = np.linspace(12.0, 48.0, 10)
    for i in range(4):
        for a, b in ((q[i], q[(i + 1) % 4]), (q[(i + 1) % 4], q[i])):
            u = (b - a) / (np.linalg.norm(b - a) + 1e-9)
            n = np.array([-u[1], u[0]])
            base = b[None, :] + d_px[:, None] * u[None, :]
            ext.append(np.stack([base + 4 * n, base - 4 * n], axis=1))
    pts = np.stack(ext).astype(np.float32)             # 8 x 10 x 2 x 2
    vals = cv2.remap(image, pts[..., 0].reshape(1, -1), pts[..., 1].reshape(1, -1), cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REPLICATE).astype(np.float32).reshape(8, 10, 2, -1)
    vec = vals[:, :, 0] - vals[:, :, 1]                # colour step across each extension point
    mean = vec.mean(axis=1)
    spread = np.linalg.norm(vec - mean[:, None], axis=2).mean(axis=1)
    strength = np.linalg.norm(mean, axis=1)
    # the same two surfaces all along the extension: a line that goes on, not desk clutter
    return float(((strength > STEP_MIN) & (spread < 0.5 * strength)).mean())


def _evaluate(image: np.ndarray, quad: np.ndarray, radius: int,
              step_min: float = STEP_MIN) -> Detection | None:
    """Refine a rough full-resolution quad; a Detection when the result is a plausible page."""
    h, w = image.shape[:2]
    r = refine_quad(image, quad, radius)
    if r is None:
        return None
    r2 = refine_quad(image, r.corners, 4)
    if r2 is not None and r2.support.mean() >= r.support.mean() - 0.05:
        r = r2
    corners = order_corners(r.corners)
    if not plausible(corners, h * w) or _on_frame_border(corners, w, h):
        return None
    if _step(image, corners, step_min) < MIN_STEP_SHARE or _uniform_inside(image, corners) < MIN_UNIFORM:
        return None
    run_on = _runs_on(image, corners)
    if run_on >= MAX_RUN_ON:
        return None
    # sides that run on past a corner hint at a text block or a desk line, not the page's rim
    score = float(0.7 * r.support.mean() + 0.3 * r.support.min() - RUN_ON_PENALTY * run_on)
    return Detection(corners, score, r.contrast, strong_sides=float(np.sort(r.support)[1:].mean()))


def _contains(big: np.ndarray, small: np.ndarray) -> bool:
    """True when outline small lies well inside big: no shared side, every corner clear of big's edges.

    An outline that merely extends a page by a background edge shares sides with it; that one
    must not count as 'the page with a photo on it'.
    """
    if quad_area(big) < 1.3 * quad_area(small):
        return False
    margin = NESTED_MARGIN * np.sqrt(quad_area(big))
    contour = big.reshape(-1, 1, 2).astype(np.float32)
    return all(cv2.pointPolygonTest(contour, (float(x), float(y)), True) > margin for x, y in small)


def _inside_share(small: np.ndarray, big: np.ndarray) -> float:
    """Share of outline small's area that lies inside outline big."""
    inter, _ = cv2.intersectConvexConvex(small.reshape(-1, 1, 2).astype(np.float32),
                                         big.reshape(-1, 1, 2).astype(np.float32))
    return float(inter / max(1e-9, quad_area(small)))


def _choose(found: list[Detection], image: np.ndarray) -> Detection | None:
    """Best score among the outlines that no good outline contains.

    Documents carry rectangles of their own (an ID photo, a table, a stamp box) that can have
    crisper edges than the document itself; the outer outline is the document. Judged over all
    candidates at once, since pairwise 'better' is not transitive.
    """
    def covered(d: Detection, o: Detection) -> bool:
        if o is d or o.score < COVER_MIN:
            return False
        if o.score >= NESTED_MIN and _contains(o.corners, d.corners):
            return True
        # sharing sides, e.g. a text block against a side: the outer one needs a close score
        # ... or three strong sides and one weak one (glare or a finger over it)
        if quad_area(o.corners) <= 1.02 * quad_area(d.corners) or _inside_share(d.corners, o.corners) <= 0.9:
            return False
        if o.score >= d.score - COVER_MARGIN:
            return True
        return (o.score >= d.score - ONE_WEAK_MARGIN and o.strong_sides >= ONE_WEAK_OTHERS
                and continues_surface(image, o.corners, d.corners))

    outer = [d for d in found if not any(covered(d, o) for o in found)]
    return max(outer, key=lambda d: d.score, default=None)


def step_threshold(small: np.ndarray) -> float:
    """Colour step that counts as an edge, scaled to how busy the scene is.

    A white page on a white desk differs by a few grey levels only; on a plain desk that is
    already far above the noise, while on wood or a printed cloth it is not.
    """
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)
    g = np.zeros(lab.shape[:2], np.float32)
    for ch in cv2.split(lab):
        g = np.maximum(g, cv2.magnitude(cv2.Sobel(ch, cv2.CV_32F, 1, 0, ksize=3),
                                        cv2.Sobel(ch, cv2.CV_32F, 0, 1, ksize=3)))
    return float(np.clip(STEP_PER_TEXTURE * np.median(g), STEP_MIN_LOW, STEP_MIN))


def _line_candidates(image: np.ndarray, small: np.ndarray, step_min: float,
                     relaxed: bool = False) -> list[np.ndarray]:
    """Rough full-resolution quads from straight-edge hypotheses (lines.py) on the LINE_WIDTH image."""
    w = image.shape[1]
    f = LINE_WIDTH / w
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    segs = segments(gray)
    if step_min < STEP_MIN:
        # quiet scene: local contrast stretching lifts faint page sides (white on white) over
        # the segment detector's gradient threshold
        segs = np.concatenate([segs, segments(_CLAHE.apply(gray))])
    merged = merge(segs, small, step_min)
    if merged is None:
        return []
    hyps = hypotheses(merged, gray.shape, min_side=0.1 * gray.shape[0],
                      limit=RELAXED_HYPOTHESES if relaxed else LINE_HYPOTHESES, relaxed=relaxed)
    return [(q + 0.5) / f - 0.5 for q, _ in hyps]


def _outer_rims(image: np.ndarray, found: list[Detection], step_min: float) -> list[Detection]:
    """Candidates moved out to a parallel rim just outside the best outlines (expand.py)."""
    out = []
    for d in sorted(found, key=lambda d: -d.score)[:OUTER_TRIES]:
        if d.outer_tried:
            continue
        d.outer_tried = True
        q = outer_variant(image, d.corners)
        if q is not None and (e := _evaluate(image, q, 3, step_min)) is not None:
            e.outer_tried = True
            out.append(e)
    return out


def detect(image: np.ndarray) -> Detection | None:
    """Find the page or card in a BGR frame; None when nothing page-like is there."""
    return _detect(image, nested=False)


def _small_card(image: np.ndarray, maps: list[np.ndarray], scale: float) -> Detection | None:
    """Run the detector again in full-resolution crops around small card-shaped blobs."""
    out = []
    for x0, y0, x1, y1 in card_boxes(maps, scale, image.shape[:2]):
        d = _detect(image[y0:y1, x0:x1], nested=True)
        # only card-like results: desk prints are full of small rectangles of other shapes
        if d is not None and d.score >= CARD_MIN_SCORE and CARD_ASPECT[0] <= aspect_ratio(d.corners) <= CARD_ASPECT[1]:
            d.corners = (d.corners + np.array([x0, y0], np.float32)).astype(np.float32)
            out.append(d)
    return max(out, key=lambda d: d.score, default=None)


def _detect(image: np.ndarray, nested: bool) -> Detection | None:
    """detect(); `nested` marks a crop around a small card, where no further crops are searched."""
    if not frame_ok(image):  # a strip or a speck: scaling it to the work width would explode
        return None
    h, w = image.shape[:2]
    found: list[Detection] = []
    line_small = cv2.resize(image, (LINE_WIDTH, int(round(h * LINE_WIDTH / w))),
                            interpolation=cv2.INTER_AREA)
    step_min = step_threshold(line_small)
    radius = int(round(2.0 * w / LINE_WIDTH)) + 4
    tried = _line_candidates(image, line_small, step_min)
    found += [d for q in tried if (d := _evaluate(image, q, radius, step_min)) is not None]
    found += _outer_rims(image, found, step_min)
    best = _choose(found, image)
    if best is not None and best.score >= CONFIDENT:
        return best
    f = WORK_WIDTH / w
    small = cv2.resize(image, (WORK_WIDTH, int(round(h * f))), interpolation=cv2.INTER_AREA)
    radius = int(round(2.5 / f)) + 4
    # the relaxed list starts with the strict one: evaluate only the new outlines
    found += [d for q in _line_candidates(image, line_small, step_min, relaxed=True)
              if not any(np.abs(q - t).max() < 1.0 for t in tried)
              and (d := _evaluate(image, q, int(round(2.0 * w / LINE_WIDTH)) + 4, step_min)) is not None]
    maps = _maps(small)
    found += [d for q in _candidates(small, maps)
              if (d := _evaluate(image, q / f, radius, step_min)) is not None]
    found += _outer_rims(image, found, step_min)
    best = _choose(found, image)
    if best is not None and best.score >= MIN_SCORE:
        return best
    return None if nested else _small_card(image, maps, 1.0 / f)
