"""Quality checks on a detected page, each returning the hint code the resident is shown."""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from drivers.document_camera.geometry import quad_area

OK = "ok"
NO_PAGE = "no_page"
HOLD_STILL = "hold_still"
BLURRED = "blurred"
GLARE = "glare"
TOO_SMALL = "too_small"
TOO_DARK = "too_dark"
CUT = {"left": "cut_left", "right": "cut_right", "top": "cut_top", "bottom": "cut_bottom"}
ALL_HINTS = (OK, NO_PAGE, HOLD_STILL, BLURRED, GLARE, TOO_SMALL, TOO_DARK, *CUT.values())


@dataclass(frozen=True)
class Limits:
    """Thresholds; the defaults suit a 1080p camera about 40 cm above the plate."""

    edge_margin: float = 0.006       # of the frame size: closer than this means "touches the edge"
    min_area: float = 0.06           # of the frame area
    min_brightness: float = 70.0     # median grey of the page
    glare_level: int = 250           # grey level counted as blown out
    max_glare: float = 0.004         # largest blown-out blob, share of the page
    min_sharpness: float = 2.5       # Laplacian variance per 100 units of grey variance
    min_texture: float = 8.0         # grey std below which sharpness cannot be judged


def cut_edge(corners: np.ndarray, shape: tuple[int, ...], limits: Limits = Limits()) -> str | None:
    """Which frame edge the page touches ('left', 'right', 'top', 'bottom') or None."""
    h, w = shape[:2]
    q = np.asarray(corners, np.float64).reshape(4, 2)
    mx, my = limits.edge_margin * w, limits.edge_margin * h
    gaps = {"left": q[:, 0].min() - mx, "right": (w - 1 - mx) - q[:, 0].max(),
            "top": q[:, 1].min() - my, "bottom": (h - 1 - my) - q[:, 1].max()}
    edge, gap = min(gaps.items(), key=lambda kv: kv[1])
    return edge if gap <= 0 else None


def sharpness(gray: np.ndarray) -> float:
    """Variance of the Laplacian, relative to the page's contrast, on the page at camera resolution.

    Dividing by the grey variance makes the figure independent of how much ink and light there is.
    """
    g = gray.astype(np.float32)
    return float(cv2.Laplacian(g, cv2.CV_32F).var() / max(1.0, g.var()) * 100.0)


def glare_share(gray: np.ndarray, level: int) -> float:
    """Largest connected blown-out blob as a share of the page."""
    mask = (gray >= level).astype(np.uint8)
    if not mask.any():
        return 0.0
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return float(stats[1:, cv2.CC_STAT_AREA].max()) / gray.size if n > 1 else 0.0


def frame_hint(corners: np.ndarray | None, shape: tuple[int, ...], limits: Limits = Limits()) -> str:
    """Hint from the outline alone: no page, cut off at an edge, or too small."""
    if corners is None:
        return NO_PAGE
    edge = cut_edge(corners, shape, limits)
    if edge:
        return CUT[edge]
    if quad_area(corners) < limits.min_area * shape[0] * shape[1]:
        return TOO_SMALL
    return OK


def page_hint(page: np.ndarray, limits: Limits = Limits()) -> str:
    """Hint from the page straightened at camera resolution (rectify.warp_native): dark, glare, blur."""
    gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) if page.ndim == 3 else page
    if float(np.median(gray)) < limits.min_brightness:
        return TOO_DARK
    if glare_share(gray, limits.glare_level) > limits.max_glare:
        return GLARE
    if float(gray.std()) >= limits.min_texture and sharpness(gray) < limits.min_sharpness:
        return BLURRED
    return OK


def assess(frame: np.ndarray, corners: np.ndarray | None, page: np.ndarray | None,
           limits: Limits = Limits()) -> str:
    """The one hint to show: outline problems first, then page problems, else 'ok'."""
    hint = frame_hint(corners, frame.shape, limits)
    if hint != OK or page is None:
        return hint
    return page_hint(page, limits)
