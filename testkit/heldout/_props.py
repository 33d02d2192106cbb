"""Things around the subject: fingers, glare, shadows, blurry backgrounds and text drawn with the kiosk font."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from testkit.heldout._sensor import smooth

FONT_PATH = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "NotoSansSC-Kiosk.otf"

# Linear-light skin reflectances (BGR), light to dark.
SKIN_TONES = ((0.42, 0.50, 0.68), (0.33, 0.42, 0.62), (0.24, 0.32, 0.50), (0.13, 0.18, 0.30), (0.07, 0.10, 0.17))


@lru_cache(maxsize=32)
def font(size_px: int) -> ImageFont.FreeTypeFont:
    """The bundled kiosk font at a pixel size."""
    return ImageFont.truetype(str(FONT_PATH), size_px)


def draw_text(canvas: np.ndarray, xy: tuple[int, int], text: str, size_px: int, value) -> None:
    """Draw text onto a float32 canvas (HxW or HxWx3) in place, anti-aliased, with colour `value`."""
    f = font(max(6, int(size_px)))
    x0, y0, x1, y1 = f.getbbox(text)
    w, h = x1 + 2, y1 + 2
    mask_img = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask_img).text((0, 0), text, font=f, fill=255)
    mask = np.asarray(mask_img, np.float32) / 255.0
    paste_mask(canvas, mask, xy, value)


def paste_mask(canvas: np.ndarray, mask: np.ndarray, xy: tuple[int, int], value) -> None:
    """Blend colour `value` into canvas through coverage mask placed with its top-left at xy."""
    x, y = xy
    h, w = mask.shape
    cx0, cy0 = max(0, x), max(0, y)
    cx1, cy1 = min(canvas.shape[1], x + w), min(canvas.shape[0], y + h)
    if cx1 <= cx0 or cy1 <= cy0:
        return
    m = mask[cy0 - y:cy1 - y, cx0 - x:cx1 - x]
    region = canvas[cy0:cy1, cx0:cx1]
    if canvas.ndim == 3:
        m = m[..., None]
    region[...] = region * (1.0 - m) + np.asarray(value, np.float32) * m


def _capsule(xx, yy, base, d, length, r0, r1):
    """Distance to a tapered capsule's axis, its local radius and the position along it."""
    px, py = xx - base[0], yy - base[1]
    along = px * d[0] + py * d[1]
    s = np.clip(along / length, 0.0, 1.0)
    ex, ey = px - s * length * d[0], py - s * length * d[1]
    return np.sqrt(ex * ex + ey * ey), r0 + (r1 - r0) * s, along


def fingers(img: np.ndarray, rng: np.random.Generator, tips: list[tuple[float, float]],
            directions: list[float], width_px: float, light: float = 1.0,
            length_widths: tuple[float, float] = (2.5, 4.0), palm: bool = True) -> np.ndarray:
    """Draw fingers/thumbs reaching to each tip: tapered, shaded, with a nail; with the back of the hand
    and curled neighbouring fingers behind it, or (palm=False) fading out as if curling behind an object.

    `directions` is the angle (degrees) the finger points toward, i.e. from the hand to the tip.
    Returns a 0..1 coverage mask of what was drawn.
    """
    h, w = img.shape[:2]
    skin = np.array(SKIN_TONES[rng.integers(len(SKIN_TONES))], np.float32) * rng.uniform(0.85, 1.15)
    cover = np.zeros((h, w), np.float32)
    for (tx, ty), ang in zip(tips, directions):
        a = np.radians(ang)
        d = np.array([np.cos(a), np.sin(a)], np.float32)
        n = np.array([-d[1], d[0]], np.float32)
        fw = width_px * rng.uniform(0.85, 1.2)
        length = fw * rng.uniform(*length_widths)
        palm_a, palm_b = fw * rng.uniform(2.3, 2.8), fw * rng.uniform(1.9, 2.3)
        side = rng.choice([-1.0, 1.0])
        curled = int(rng.integers(2, 4))
        tip = np.array([tx, ty], np.float32) - d * fw / 2  # the rounded cap ends exactly at the given tip
        base = tip - d * length
        centre = base - d * palm_a * 0.8 + n * side * palm_b * 0.35
        reach = palm_a * 2.2
        x0 = int(max(0, min(tx, centre[0]) - reach)); x1 = int(min(w, max(tx, centre[0]) + reach))
        y0 = int(max(0, min(ty, centre[1]) - reach)); y1 = int(min(h, max(ty, centre[1]) + reach))
        if x1 <= x0 or y1 <= y0:
            continue
        yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        dist, radius, along = _capsule(xx, yy, base, d, length, fw * 0.54, fw * 0.46)
        roundness = np.full_like(dist, 0.65)
        if palm:
            # Back of the hand: a rounded-square blob (superellipse), flatter shading.
            qx, qy = xx - centre[0], yy - centre[1]
            pa, pb = (qx * d[0] + qy * d[1]) / palm_a, (qx * n[0] + qy * n[1]) / palm_b
            pd = (np.abs(pa) ** 3 + np.abs(pb) ** 3) ** (1 / 3) * palm_b
            use = pd - palm_b < dist - radius
            dist, radius = np.where(use, pd, dist), np.where(use, palm_b, radius)
            roundness = np.where(use, 0.3, roundness)
            # Curled neighbours: short stubs along the hand's front edge, on one side of the finger.
            for j in range(curled):
                stub = base - d * fw * 0.3 + n * side * fw * (1.0 + 0.92 * j)
                sd, sr, _ = _capsule(xx, yy, stub - d * fw, d, fw * rng.uniform(0.9, 1.5), fw * 0.5, fw * 0.45)
                use = sd - sr < dist - radius
                dist, radius = np.where(use, sd, dist), np.where(use, sr, radius)
                roundness = np.where(use, 0.6, roundness)
        m = np.clip(radius - dist + 0.5, 0.0, 1.0)
        if not palm:
            m = m * np.clip(along / (0.9 * fw), 0.0, 1.0)
        crop = img[y0:y1, x0:x1]
        # Soft contact shadow next to the hand.
        shadow = np.clip((radius * 1.5 - dist) / (radius * 0.8), 0.0, 1.0) * (1 - m) * 0.45
        crop *= (1.0 - shadow)[..., None]
        across = np.clip(dist / np.maximum(radius, 1e-3), 0.0, 1.0)
        shade = (1.0 - roundness + roundness * np.sqrt(1.0 - across ** 2)) * light
        colour = skin[None, None, :] * shade[..., None]
        # Nail: lighter, pinker patch near the tip.
        nail = ((along > length - fw * 1.1) & (along < length - fw * 0.15) & (across < 0.55)).astype(np.float32)
        nail = cv2.GaussianBlur(nail, (0, 0), max(fw * 0.06, 0.7))[..., None]
        colour = colour * (1 - 0.35 * nail) + 0.35 * nail * np.float32([0.55, 0.55, 0.7]) * light
        crop[...] = crop * (1 - m[..., None]) + colour * m[..., None]
        cover[y0:y1, x0:x1] = np.maximum(cover[y0:y1, x0:x1], m)
    return cover


def soft_blob(shape: tuple[int, int], center: tuple[float, float], axes: tuple[float, float],
              angle_deg: float, softness: float) -> np.ndarray:
    """Elliptical 0..1 blob with a Gaussian-soft edge (softness in px)."""
    h, w = shape
    m = np.zeros((h, w), np.float32)
    cv2.ellipse(m, (int(center[0]), int(center[1])), (max(1, int(axes[0])), max(1, int(axes[1]))),
                angle_deg, 0, 360, 1.0, -1, cv2.LINE_AA)
    if softness > 0.3:
        m = smooth(m, softness)
    return m


def specular(shape: tuple[int, int], rng: np.random.Generator, center: tuple[float, float],
             length: float, width: float, angle_deg: float) -> np.ndarray:
    """Specular reflection of a lamp or window: a bright core inside a soft halo, 0..~1."""
    core = soft_blob(shape, center, (length / 2, width / 2), angle_deg, width * 0.15)
    halo = soft_blob(shape, center, (length * 0.7, width * 1.2), angle_deg, width * 0.6)
    if rng.random() < 0.5:  # window-like reflection: bright bars
        bars = np.zeros(shape, np.float32)
        a = np.radians(angle_deg)
        yy, xx = np.mgrid[:shape[0], :shape[1]].astype(np.float32)
        along = (xx - center[0]) * np.cos(a) + (yy - center[1]) * np.sin(a)
        bars = 0.55 + 0.45 * (np.cos(along / max(length, 1) * rng.uniform(6, 14)) > -0.6)
        core = core * bars.astype(np.float32)
    return np.clip(core + 0.35 * halo, 0.0, None)


def blurry_background(shape: tuple[int, int], rng: np.random.Generator, brightness: float) -> np.ndarray:
    """Out-of-focus surroundings (room, clothes, kiosk frame): smooth random colour shapes."""
    h, w = shape
    sh, sw = h // 8, w // 8
    base = np.ones((sh, sw, 3), np.float32) * rng.uniform(0.05, 0.5, 3).astype(np.float32)
    for _ in range(rng.integers(4, 10)):
        colour = rng.uniform(0.02, 0.9, 3).astype(np.float32) * rng.uniform(0.3, 1.0)
        pts = rng.uniform([-0.2 * sw, -0.2 * sh], [1.2 * sw, 1.2 * sh], (rng.integers(3, 6), 2)).astype(np.int32)
        cv2.fillPoly(base, [cv2.convexHull(pts)], colour.tolist(), cv2.LINE_AA)
    base = cv2.GaussianBlur(base, (0, 0), rng.uniform(2, 6))
    grad = np.linspace(rng.uniform(0.6, 1.4), rng.uniform(0.6, 1.4), sh, dtype=np.float32)[:, None, None]
    big = cv2.resize(base * grad, (w, h), interpolation=cv2.INTER_CUBIC)
    return np.clip(big, 0.0, None) * brightness
