"""Desk surfaces under the document camera: dark, light (close to paper) and textured (wood, cloth, mats)."""
from __future__ import annotations

import cv2
import numpy as np

DESK_PX_PER_MM = 1.5
DESK_MM = (1400.0, 1000.0)  # texture extent; sampling beyond it mirrors


def _canvas(colour) -> np.ndarray:
    w, h = int(DESK_MM[0] * DESK_PX_PER_MM), int(DESK_MM[1] * DESK_PX_PER_MM)
    return np.ones((h, w, 3), np.float32) * np.float32(colour)


def _speckle(rng: np.random.Generator, img: np.ndarray, amount: float, sigma: float) -> np.ndarray:
    h, w = img.shape[:2]
    k = max(1.0, sigma / 1.5)  # correlated noise: draw it coarse, blur a little, enlarge
    n = rng.standard_normal((int(h / k) + 1, int(w / k) + 1)).astype(np.float32)
    n = cv2.resize(cv2.GaussianBlur(n, (0, 0), 1.0 if k > 1 else sigma), (w, h), interpolation=cv2.INTER_LINEAR)
    n /= n.std() + 1e-6
    return img * (1 + amount * n)[..., None]


def _wood(rng: np.random.Generator, base, dark_ratio: float) -> np.ndarray:
    img = _canvas(base)
    h, w = img.shape[:2]
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    ang = rng.uniform(0, np.pi)
    ca, sa = np.float32(np.cos(ang)), np.float32(np.sin(ang))
    along = xx * ca + yy * sa
    across = -xx * sa + yy * ca
    plank = rng.uniform(90, 200) * DESK_PX_PER_MM
    plank_id = np.floor(across / plank)
    # Each plank: its own shade and ring phase; rings drift slowly along the grain, unevenly spaced.
    shades = rng.uniform(0.85, 1.15, 64).astype(np.float32)
    phases = rng.uniform(0, 100, 64).astype(np.float32)
    pid = (plank_id.astype(np.int64) % 64)
    knots = rng.standard_normal(16).astype(np.float32)
    span = np.linspace(along.min(), along.max(), 16).astype(np.float32)
    drift = np.interp(along.ravel(), span, knots).reshape(along.shape).astype(np.float32)
    low = cv2.resize(rng.standard_normal((5, 7)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    period = rng.uniform(4, 10)
    phase = across / period * (1 + 0.25 * low) + 2.0 * drift + phases[pid]
    lines = np.clip((np.sin(phase) - 0.2) / 0.8, 0, 1) ** 2 * np.clip(0.6 + 0.4 * low, 0.2, 1.0)
    streaks = rng.standard_normal((int(h + w) // 40 + 8, int(h + w) + 8)).astype(np.float32)
    fine = cv2.remap(streaks, (across - across.min() + 2).astype(np.float32),
                     ((along - along.min()) / 40.0 + 2).astype(np.float32), cv2.INTER_LINEAR)
    grain = np.clip(0.6 * lines + 0.12 * fine + 0.2, 0, 1)
    img = img * ((1 - dark_ratio * grain) * shades[pid])[..., None]
    seam_d = np.abs(((across / plank) % 1.0) - 0.5) * -plank + plank / 2  # distance to the nearest seam
    seam = np.clip(1.3 - seam_d, 0, 1)
    img *= (1 - 0.5 * seam)[..., None]
    return img.astype(np.float32)


def _cloth(rng: np.random.Generator) -> np.ndarray:
    c0 = np.float32(rng.uniform(0.05, 0.7, 3))
    c1 = np.float32(rng.uniform(0.05, 0.7, 3))
    img = _canvas(c0)
    h, w = img.shape[:2]
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    period = rng.uniform(8, 40) * DESK_PX_PER_MM
    style = rng.integers(3)
    if style == 0:  # gingham / plaid
        a = (np.sin(xx / period * 2 * np.pi) > 0).astype(np.float32)
        b = (np.sin(yy / period * 2 * np.pi) > 0).astype(np.float32)
        t = (a + b) / 2
    elif style == 1:  # stripes
        t = (np.sin((xx + yy * rng.uniform(-1, 1)) / period * 2 * np.pi) > 0.3).astype(np.float32)
    else:  # dots / florals
        t = np.zeros((h, w), np.float32)
        for _ in range(int(w * h / period ** 2 * 0.6)):
            cv2.circle(t, (int(rng.uniform(0, w)), int(rng.uniform(0, h))), int(period * rng.uniform(0.1, 0.35)),
                       1.0, -1, cv2.LINE_AA)
    t = cv2.GaussianBlur(t, (0, 0), 0.8)[..., None]
    img = c0 * (1 - t) + c1 * t
    weave = 1 + 0.08 * np.sin(xx * 2.1) * np.sin(yy * 2.1)
    return _speckle(rng, img * weave[..., None], 0.05, 1.0)


def _mat(rng: np.random.Generator) -> np.ndarray:
    img = _canvas(rng.choice([(0.1, 0.25, 0.05), (0.25, 0.15, 0.05), (0.05, 0.05, 0.05)]))
    step = int(10 * DESK_PX_PER_MM)
    for x in range(0, img.shape[1], step):
        cv2.line(img, (x, 0), (x, img.shape[0]), (0.5, 0.5, 0.5), 1, cv2.LINE_AA)
    for y in range(0, img.shape[0], step):
        cv2.line(img, (0, y), (img.shape[1], y), (0.5, 0.5, 0.5), 1, cv2.LINE_AA)
    return _speckle(rng, img, 0.03, 2.0)


def desk(rng: np.random.Generator, family: str) -> tuple[np.ndarray, str, float]:
    """A desk texture (linear BGR reflectance), its name and how glossy it is (0..1)."""
    if family == "dark":
        name = str(rng.choice(["dark_wood", "black_laminate", "grey_felt", "navy"]))
        if name == "dark_wood":
            return _wood(rng, rng.uniform([0.02, 0.03, 0.05], [0.06, 0.08, 0.12]), 0.6), name, 0.5
        colour = {"black_laminate": (0.02, 0.02, 0.02), "grey_felt": (0.06, 0.06, 0.06),
                  "navy": (0.12, 0.04, 0.02)}[name]
        return _speckle(rng, _canvas(np.float32(colour) * rng.uniform(0.7, 1.4)), 0.08, 1.5), name, \
            0.7 if name == "black_laminate" else 0.1
    if family == "light":
        name = str(rng.choice(["white", "light_grey", "beige", "light_wood"]))
        if name == "light_wood":
            return _wood(rng, rng.uniform([0.35, 0.5, 0.6], [0.5, 0.62, 0.72]), 0.2), name, 0.3
        colour = {"white": (0.78, 0.8, 0.8), "light_grey": (0.55, 0.56, 0.57), "beige": (0.5, 0.62, 0.7)}[name]
        return _speckle(rng, _canvas(np.float32(colour) * rng.uniform(0.88, 1.1)), 0.03, 3.0), name, 0.4
    name = str(rng.choice(["wood", "cloth", "cloth", "cutting_mat"]))
    if name == "wood":
        return _wood(rng, rng.uniform([0.08, 0.15, 0.25], [0.2, 0.3, 0.45]), 0.45), name, 0.4
    if name == "cloth":
        return _cloth(rng), name, 0.0
    return _mat(rng), name, 0.2
