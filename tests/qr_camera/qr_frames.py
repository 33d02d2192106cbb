"""Test helpers: render a labelled QR code into a 1280x720 camera-like frame."""
from __future__ import annotations

import math

import cv2
import numpy as np
import segno


def render_code(text: str, encoding: str = "utf-8", *, module_px: float = 5.0,
                angle_deg: float = 0.0, tilt: float = 0.0, center=(640, 360),
                invert: bool = False, contrast: float = 1.0, blur: float = 0.0,
                noise: float = 0.0, seed: int = 0, size=(1280, 720)) -> np.ndarray:
    """A BGR frame with one QR code warped into it (rotation, tilt) and simple degradations."""
    m = np.pad(np.array(segno.make(text, encoding=encoding, micro=False).matrix, np.uint8), 4)
    light, dark = 128 + 110 * contrast, 128 - 110 * contrast
    card = np.where(m == 1, dark, light).astype(np.float32)
    if invert:
        card = 255 - card
    card = np.kron(card, np.ones((8, 8), np.float32))
    n = card.shape[0]
    half = module_px * m.shape[0] / 2
    quad = np.float32([[-half * (1 - tilt), -half], [half * (1 - tilt), -half],
                       [half, half], [-half, half]])
    a = math.radians(angle_deg)
    rot = np.float32([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    dst = quad @ rot.T + np.float32(center)
    h = cv2.getPerspectiveTransform(np.float32([[0, 0], [n, 0], [n, n], [0, n]]), dst)
    w, ht = size
    code = cv2.warpPerspective(card, h, (w, ht), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones_like(card), h, (w, ht))
    bg = np.full((ht, w), 90.0 if not invert else 160.0, np.float32)
    img = bg * (1 - mask) + code * mask
    if blur:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    if noise:
        img = img + np.random.default_rng(seed).normal(0, noise, img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
