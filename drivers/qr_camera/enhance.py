"""Image passes for a QR region a camera saw badly: small or defocused, low contrast, noise."""
from __future__ import annotations

import cv2
import numpy as np

_CLAHE = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))


def upscale(crop: np.ndarray, target: int = 400) -> np.ndarray:
    """Enlarge a small crop 2x (zxing needs ~3 px per module); larger crops are left as they are."""
    if max(crop.shape[:2]) >= target:
        return crop
    return cv2.resize(crop, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)


def unsharp(gray: np.ndarray, sigma: float, amount: float) -> np.ndarray:
    """Unsharp mask: gray + amount * (gray - blur(gray))."""
    soft = cv2.GaussianBlur(gray, (0, 0), sigma)
    return cv2.addWeighted(gray, 1 + amount, soft, -amount, 0)


def stretch(gray: np.ndarray) -> np.ndarray:
    """Linear stretch of the 1st..99th percentile to the full range (faint codes)."""
    lo, hi = np.percentile(gray, (1, 99))
    span = max(float(hi - lo), 1.0)
    return cv2.convertScaleAbs(gray, alpha=255.0 / span, beta=-float(lo) * 255.0 / span)


def denoise_stretch(gray: np.ndarray) -> np.ndarray:
    """Median 3x3 then stretch: faint codes under sensor noise or JPEG blocks."""
    return stretch(cv2.medianBlur(gray, 3))


def clahe(gray: np.ndarray) -> np.ndarray:
    """Local histogram equalisation: uneven light, glare fringes."""
    return _CLAHE.apply(gray)


def sharpness(gray: np.ndarray) -> float:
    """Variance of the Laplacian: higher means sharper (for choosing among frames)."""
    return float(cv2.Laplacian(gray, cv2.CV_32F).var())
