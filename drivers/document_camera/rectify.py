"""Perspective correction to the document's true proportions, and clean-up of light and contrast."""
from __future__ import annotations

import cv2
import numpy as np

from drivers.document_camera.geometry import side_lengths

# long/short side ratio and size in mm; A4 and A5 share a ratio, so size needs a scale to tell
FORMATS_MM = {"A4": (297.0, 210.0), "A5": (210.0, 148.0), "ID-1": (85.6, 54.0)}
ISO_A_RATIO = 297.0 / 210.0
ID1_RATIO = 85.6 / 54.0


def guess_format(corners: np.ndarray, px_per_mm: float | None = None) -> str:
    """A4, A5 or ID-1 from the measured aspect (and, if the plate scale is known, the size)."""
    s = side_lengths(corners)
    a, b = (s[0] + s[2]) / 2, (s[1] + s[3]) / 2
    ratio = max(a, b) / max(1e-9, min(a, b))
    if ratio > (ISO_A_RATIO + ID1_RATIO) / 2:
        return "ID-1"
    if px_per_mm and max(a, b) / px_per_mm < (297.0 + 210.0) / 2:
        return "A5"
    return "A4"


def output_size(fmt: str, landscape: bool, dpi: int) -> tuple[int, int]:
    """(width, height) in pixels of the corrected page at dpi."""
    long_mm, short_mm = FORMATS_MM[fmt]
    long_px = int(round(long_mm / 25.4 * dpi))
    short_px = int(round(short_mm / 25.4 * dpi))
    return (long_px, short_px) if landscape else (short_px, long_px)


def warp(image: np.ndarray, corners: np.ndarray, fmt: str | None = None, dpi: int = 200,
         px_per_mm: float | None = None) -> tuple[np.ndarray, str]:
    """The page cut out and straightened to its format's proportions; returns (image, format)."""
    q = np.asarray(corners, np.float32).reshape(4, 2)
    fmt = fmt or guess_format(q, px_per_mm)
    s = side_lengths(q)
    landscape = (s[0] + s[2]) > (s[1] + s[3])
    w, h = output_size(fmt, landscape, dpi)
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(q, dst)
    return cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE), fmt


def warp_native(image: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The page straightened at about the resolution the camera sees it (for quality checks)."""
    q = np.asarray(corners, np.float32).reshape(4, 2)
    s = side_lengths(q)
    w = max(8, int(round((s[0] + s[2]) / 2)))
    h = max(8, int(round((s[1] + s[3]) / 2)))
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    return cv2.warpPerspective(image, cv2.getPerspectiveTransform(q, dst), (w, h))


def _flatten(channel: np.ndarray) -> np.ndarray:
    """Divide by the estimated paper brightness (text removed by closing) to even out light."""
    h, w = channel.shape
    f = 256.0 / max(h, w)
    small = cv2.resize(channel, (max(8, int(w * f)), max(8, int(h * f))), interpolation=cv2.INTER_AREA)
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    bg = cv2.GaussianBlur(bg, (0, 0), 4)
    bg = cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    return np.clip(channel.astype(np.float32) / np.maximum(bg, 1.0) * 255.0, 0, 255)


def _stretch(img: np.ndarray) -> np.ndarray:
    """Map the darkest 1 % to black, keep white paper white."""
    lo = float(np.percentile(img, 1))
    hi = 250.0
    if hi - lo < 20:
        return img.astype(np.uint8)
    return np.clip((img - lo) * 255.0 / (hi - lo), 0, 255).astype(np.uint8)


def clean(page: np.ndarray, color: bool = False) -> np.ndarray:
    """Shadows and uneven light removed, contrast stretched: grey for papers, colour for cards."""
    if not color:
        gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) if page.ndim == 3 else page
        return _stretch(_flatten(gray))
    chans = [_flatten(page[..., i]) for i in range(3)]
    return _stretch(np.dstack(chans))
