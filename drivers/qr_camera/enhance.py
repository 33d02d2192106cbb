"""Image passes for a QR region a camera saw badly: small/defocused, low contrast, noise, motion blur."""
from __future__ import annotations

import math

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


def blur_direction(gray: np.ndarray) -> float:
    """Angle (radians) along which the crop is smeared: the weakest gradient direction."""
    small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) \
        if max(gray.shape) > 200 else gray
    gx = cv2.Sobel(small, cv2.CV_32F, 1, 0)
    gy = cv2.Sobel(small, cv2.CV_32F, 0, 1)
    a, b, d = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    return 0.5 * math.atan2(2 * d, a - b) + math.pi / 2


def _line_psf(shape: tuple[int, int], length: float, angle: float) -> np.ndarray:
    psf = np.zeros(shape, np.float32)
    steps = max(2, int(length * 3))
    for t in np.linspace(-length / 2, length / 2, steps):
        psf[int(round(t * math.sin(angle))) % shape[0],
            int(round(t * math.cos(angle))) % shape[1]] += 1
    return psf / psf.sum()


def wiener_motion(gray: np.ndarray, length: float, angle: float, nsr: float = 0.02) -> np.ndarray:
    """Wiener deconvolution of a straight motion smear of `length` px along `angle`."""
    h, w = gray.shape
    fh, fw = cv2.getOptimalDFTSize(h), cv2.getOptimalDFTSize(w)
    padded = cv2.copyMakeBorder(gray, 0, fh - h, 0, fw - w, cv2.BORDER_REPLICATE)
    img = cv2.dft(padded.astype(np.float32), flags=cv2.DFT_COMPLEX_OUTPUT)
    ker = cv2.dft(_line_psf((fh, fw), length, angle), flags=cv2.DFT_COMPLEX_OUTPUT)
    kr, ki = ker[..., 0], ker[..., 1]
    denom = kr * kr + ki * ki + nsr
    ir, ii = img[..., 0], img[..., 1]
    # (img * conj(ker)) / (|ker|^2 + nsr)
    out = np.dstack(((ir * kr + ii * ki) / denom, (ii * kr - ir * ki) / denom))
    res = cv2.idft(out, flags=cv2.DFT_SCALE | cv2.DFT_REAL_OUTPUT)[:h, :w]
    return np.clip(res, 0, 255).astype(np.uint8)


def sharpness(gray: np.ndarray) -> float:
    """Variance of the Laplacian: higher means sharper (for choosing among frames)."""
    return float(cv2.Laplacian(gray, cv2.CV_32F).var())
