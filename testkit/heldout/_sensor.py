"""What a camera does to light: lens blur, motion, vignetting, auto exposure, noise, tone curve, JPEG."""
from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np


def motion_kernel(length_px: float, angle_deg: float, curve: float = 0.0) -> np.ndarray:
    """Linear (optionally slightly curved) motion-blur kernel of the given length, normalised."""
    size = int(np.ceil(length_px)) + 3
    size += 1 - size % 2
    k = np.zeros((size * 4, size * 4), np.float32)
    c = size * 2
    steps = max(8, int(length_px * 8))
    a = np.radians(angle_deg)
    for i in range(steps):
        s = (i / (steps - 1) - 0.5) * length_px
        bend = curve * (s * s / max(length_px, 1.0) - length_px / 12.0)
        x = c + 4 * (s * np.cos(a) - bend * np.sin(a))
        y = c + 4 * (s * np.sin(a) + bend * np.cos(a))
        cv2.circle(k, (int(round(x)), int(round(y))), 2, 1.0, -1)
    k = cv2.resize(k, (size, size), interpolation=cv2.INTER_AREA)
    return k / k.sum()


def disk_kernel(radius_px: float) -> np.ndarray:
    """Defocus point-spread function: an anti-aliased disk."""
    r = max(radius_px, 0.5)
    size = int(np.ceil(r)) * 2 + 3
    yy, xx = np.mgrid[:size, :size] - (size - 1) / 2.0
    k = np.clip(r + 0.5 - np.sqrt(xx * xx + yy * yy), 0.0, 1.0).astype(np.float32)
    return k / k.sum()


def smooth(img: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur; wide ones are done at reduced resolution (same look, a fraction of the time)."""
    if sigma <= 6.0:
        return cv2.GaussianBlur(img, (0, 0), max(sigma, 0.3))
    k = sigma / 3.0
    h, w = img.shape[:2]
    small = cv2.resize(img, (max(1, int(w / k)), max(1, int(h / k))), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), 3.0)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def blur_layer(layer: np.ndarray, alpha: np.ndarray, kernel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Blur a premultiplied layer and its coverage with a kernel, only where the layer is (fast)."""
    rows = np.flatnonzero(alpha.max(axis=1) > 0)
    cols = np.flatnonzero(alpha.max(axis=0) > 0)
    if rows.size == 0:
        return layer, alpha
    m = kernel.shape[0] + 2
    h, w = alpha.shape
    y0, y1 = max(0, rows[0] - m), min(h, rows[-1] + 1 + m)
    x0, x1 = max(0, cols[0] - m), min(w, cols[-1] + 1 + m)
    layer, alpha = layer.copy(), alpha.copy()
    layer[y0:y1, x0:x1] = cv2.filter2D(layer[y0:y1, x0:x1], -1, kernel, borderType=cv2.BORDER_CONSTANT)
    alpha[y0:y1, x0:x1] = cv2.filter2D(alpha[y0:y1, x0:x1], -1, kernel, borderType=cv2.BORDER_CONSTANT)
    return layer, alpha


def blur(img: np.ndarray, kernel: np.ndarray | None = None, sigma: float = 0.0) -> np.ndarray:
    """Apply a kernel and/or a Gaussian lens blur in linear light."""
    out = img
    if kernel is not None:
        out = cv2.filter2D(out, -1, kernel, borderType=cv2.BORDER_REFLECT)
    if sigma > 0.05:
        out = cv2.GaussianBlur(out, (0, 0), sigma)
    return out


def vignette(shape: tuple[int, int], strength: float) -> np.ndarray:
    """Radial fall-off (1 at the centre, 1 - strength at the corners)."""
    h, w = shape
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2
    return (1.0 - strength * r2 / 2.0).astype(np.float32)[..., None]


def metered_gain(img: np.ndarray, target: float) -> float:
    """Gain an auto-exposure loop converges to: centre-weighted mean brought to `target`."""
    h, w = img.shape[:2]
    small = cv2.resize(img, (64, 36), interpolation=cv2.INTER_AREA).mean(axis=2)
    yy, xx = np.mgrid[:36, :64]
    weight = np.exp(-(((xx - 31.5) / 24) ** 2 + ((yy - 17.5) / 14) ** 2))
    mean = float((small * weight).sum() / weight.sum())
    return target / max(mean, 1e-4)


@lru_cache(maxsize=2)
def _noise_bank(h: int, w: int) -> np.ndarray:
    """A fixed field of demosaic-correlated unit noise; frames take random windows of it (fast, deterministic)."""
    bank = np.random.default_rng(20261128).standard_normal((h + _PAD, w + _PAD, 3), dtype=np.float32)
    bank = cv2.GaussianBlur(bank, (0, 0), 0.6)
    return bank / bank.std()


_PAD = 96


def sensor_noise(img: np.ndarray, rng: np.random.Generator, shot: float, read: float,
                 row: float = 0.0) -> np.ndarray:
    """Signal-dependent shot noise, read noise (demosaic-correlated) and optional row banding."""
    h, w = img.shape[:2]
    bank = _noise_bank(h, w)
    oy, ox = rng.integers(0, _PAD, 2)
    noise = bank[oy:oy + h, ox:ox + w]
    flip_v, flip_h = rng.random(2) < 0.5
    noise = noise[::-1 if flip_v else 1, ::-1 if flip_h else 1]
    out = np.maximum(img, 0.0)
    out *= np.float32(shot)
    out += np.float32(read * read)
    np.sqrt(out, out=out)
    out *= noise
    out += img
    if row > 0:
        out = out + (rng.standard_normal((h, 1, 1)) * row).astype(np.float32)
    return out


def _tone_lut() -> np.ndarray:
    x = np.linspace(0.0, 1.5, _LUT_SIZE, dtype=np.float64)
    x = x / (1.0 + 0.08 * x) * 1.08  # highlight shoulder, 1.0 stays 1.0
    x = np.clip(x, 0.0, 1.0)
    srgb = np.where(x <= 0.0031308, 12.92 * x, 1.055 * np.power(x, 1 / 2.4) - 0.055)
    return np.clip(srgb * 255.0 + 0.5, 0, 255).astype(np.uint8)


_LUT_SIZE = 8192
_TONE = _tone_lut()


def tone_map(img: np.ndarray) -> np.ndarray:
    """Linear light to 8-bit sRGB-like values with a gentle highlight shoulder."""
    idx = np.clip(img * np.float32((_LUT_SIZE - 1) / 1.5), 0, _LUT_SIZE - 1).astype(np.int32)
    return _TONE[idx]


def to_linear(bgr_u8: np.ndarray) -> np.ndarray:
    """8-bit sRGB to linear light."""
    x = bgr_u8.astype(np.float32) / 255.0
    return np.where(x <= 0.04045, x / 12.92, np.power((x + 0.055) / 1.055, 2.4)).astype(np.float32)


def jpeg(img: np.ndarray, quality: int) -> np.ndarray:
    """Round-trip through a baseline JPEG with 4:2:0 chroma subsampling."""
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(quality),
                                         cv2.IMWRITE_JPEG_SAMPLING_FACTOR, cv2.IMWRITE_JPEG_SAMPLING_FACTOR_420])
    assert ok
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)
