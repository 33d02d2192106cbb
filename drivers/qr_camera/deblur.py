"""Motion deblurring of a QR crop: estimate the smear's direction and length, then Wiener-deconvolve.

A phone still moving smears the code along a line. The direction is where the crop's gradients are
weakest (structure tensor); the length is where the autocorrelation of the derivative along that
direction has its dip (a box blur of length L turns an edge into a ramp L px long, whose derivative
correlates negatively with itself at lag L). Only crops are processed, never whole frames.
"""
from __future__ import annotations

import math

import cv2
import numpy as np

MIN_LENGTH, MAX_LENGTH = 4, 40
# Crops larger than this are deblurred at a reduced scale (the DFT dominates the cost).
WORK_SIZE = 320
REFOCUS_SIZE = 640


def blur_direction(gray: np.ndarray) -> tuple[float, float]:
    """(angle in radians, anisotropy 0..1) of the smear: the direction of weakest gradients."""
    g = gray.astype(np.float32)
    gx = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3)
    jxx, jyy, jxy = float((gx * gx).mean()), float((gy * gy).mean()), float((gx * gy).mean())
    # Angle of the eigenvector with the larger eigenvalue; the smear is perpendicular to it.
    strong = 0.5 * math.atan2(2 * jxy, jxx - jyy)
    root = math.sqrt((jxx - jyy) ** 2 + 4 * jxy * jxy)
    aniso = root / max(jxx + jyy, 1e-6)
    return strong + math.pi / 2, aniso


def _rotate_to_x(gray: np.ndarray, angle: float) -> np.ndarray:
    """The crop rotated so that the direction `angle` runs along +x (same size, edges replicated)."""
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), math.degrees(angle), 1.0)
    return cv2.warpAffine(gray.astype(np.float32), m, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REFLECT)


def blur_length(gray: np.ndarray, angle: float, max_len: int = MAX_LENGTH) -> int:
    """Smear length in px along `angle`: the lag of the deepest dip of the derivative's
    autocorrelation along rows of the rotated crop (central band, every second row)."""
    r = _rotate_to_x(gray, angle)
    h, w = r.shape
    band = r[h // 6: h - h // 6: 2, w // 6: w - w // 6]
    d = np.diff(band, axis=1)
    d -= d.mean(axis=1, keepdims=True)
    n = d.shape[1]
    max_len = min(max_len, n // 2)
    if max_len <= MIN_LENGTH:
        return 0
    size = cv2.getOptimalDFTSize(n + max_len + 1)
    d = cv2.copyMakeBorder(np.ascontiguousarray(d), 0, 0, 0, size - n, cv2.BORDER_CONSTANT, 0)
    spec = cv2.dft(d, flags=cv2.DFT_ROWS | cv2.DFT_COMPLEX_OUTPUT)
    power = cv2.mulSpectrums(spec, spec, cv2.DFT_ROWS, conjB=True)
    ac = cv2.idft(power, flags=cv2.DFT_ROWS | cv2.DFT_REAL_OUTPUT)[:, :max_len + 1].sum(axis=0)
    ac /= max(float(ac[0]), 1e-6)
    lag = int(np.argmin(ac[MIN_LENGTH - 1:max_len + 1])) + MIN_LENGTH - 1
    return lag if ac[lag] < -0.02 else 0


def line_psf(length: float, angle: float, shape: tuple[int, int]) -> np.ndarray:
    """A line PSF of the given length and angle, centred in an array of `shape` (for the FFT)."""
    h, w = shape
    psf = np.zeros((h, w), np.float32)
    c = (w // 2, h // 2)
    dx, dy = math.cos(angle), math.sin(angle)
    n = max(2, int(math.ceil(length * 3)))
    for t in np.linspace(-0.5, 0.5, n):
        psf[int(round(c[1] + t * length * dy)) % h, int(round(c[0] + t * length * dx)) % w] += 1
    psf /= psf.sum()
    return np.fft.ifftshift(psf)


def disk_psf(radius: float, shape: tuple[int, int]) -> np.ndarray:
    """A filled-disk PSF (lens defocus) of the given radius, centred on the origin for the FFT."""
    r = int(math.ceil(radius))
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
    disk = (np.hypot(xx, yy) <= radius + 0.5).astype(np.float32)
    psf = np.zeros(shape, np.float32)
    psf[:2 * r + 1, :2 * r + 1] = disk / disk.sum()
    return np.roll(psf, (-r, -r), axis=(0, 1))


def wiener(gray: np.ndarray, length: float, angle: float, nsr: float = 0.02,
           radius: float = 0.0) -> np.ndarray:
    """Reference 2-D Wiener deconvolution (line PSF, or disk PSF when radius > 0) with complex
    DFTs; the decoder uses the faster `wiener_rows` / `wiener_disk`, tests compare against this."""
    g = gray.astype(np.float32)
    pad = int(max(length, 2 * radius)) + 4
    g = cv2.copyMakeBorder(g, pad, pad, pad, pad, cv2.BORDER_REFLECT)
    h, w = g.shape
    fh, fw = cv2.getOptimalDFTSize(h), cv2.getOptimalDFTSize(w)
    g = cv2.copyMakeBorder(g, 0, fh - h, 0, fw - w, cv2.BORDER_REFLECT)
    spec = cv2.dft(g, flags=cv2.DFT_COMPLEX_OUTPUT)
    psf = disk_psf(radius, (fh, fw)) if radius > 0 else line_psf(length, angle, (fh, fw))
    k = cv2.dft(psf, flags=cv2.DFT_COMPLEX_OUTPUT)
    power = k[..., 0] ** 2 + k[..., 1] ** 2 + np.float32(nsr)
    num = cv2.mulSpectrums(spec, k, 0, conjB=True)
    num /= power[..., None]
    out = cv2.idft(num, flags=cv2.DFT_REAL_OUTPUT | cv2.DFT_SCALE)
    out = out[pad:pad + gray.shape[0], pad:pad + gray.shape[1]]
    return np.clip(out, 0, 255).astype(np.uint8)


def estimate(gray: np.ndarray) -> tuple[float, int]:
    """(angle, length) of the smear on a crop; length 0 when no clear smear is found."""
    angle, aniso = blur_direction(gray)
    if aniso < 0.1:
        return angle, 0
    return angle, blur_length(gray, angle)


def _work_copy(gray: np.ndarray) -> tuple[np.ndarray, float]:
    scale = min(1.0, WORK_SIZE / max(gray.shape))
    if scale == 1.0:
        return gray, 1.0
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def _even_dft_size(n: int) -> int:
    size = cv2.getOptimalDFTSize(n)
    while size % 2:
        size = cv2.getOptimalDFTSize(size + 1)
    return size


def wiener_rows(gray: np.ndarray, length: float, angle: float, nsr: float = 0.02) -> np.ndarray:
    """Line-PSF Wiener deconvolution done as 1-D filters along rows of the crop rotated so the
    smear runs along x, then rotated back: same result as `wiener` up to interpolation, several
    times faster (packed real row DFTs instead of a complex 2-D DFT)."""
    h, w = gray.shape
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), math.degrees(angle), 1.0)
    r = cv2.warpAffine(gray.astype(np.float32), rot, (w, h), flags=cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REFLECT)
    pad = int(length) + 4
    n = _even_dft_size(w + 2 * pad)
    r = cv2.copyMakeBorder(r, 0, 0, pad, n - w - pad, cv2.BORDER_REFLECT)
    psf = np.zeros(n, np.float64)
    taps = np.arange(-(length - 1) / 2, (length - 1) / 2 + 0.5)
    np.add.at(psf, np.round(taps).astype(int) % n, 1.0)
    k = np.fft.rfft(psf / psf.sum())
    filt = np.conj(k) / (np.abs(k) ** 2 + nsr)
    # OpenCV's packed (CCS) row layout: Re0, Re1, Im1, ..., Re(n/2-1), Im(n/2-1), Re(n/2).
    ccs = np.empty(n, np.float32)
    ccs[0], ccs[-1] = filt[0].real, filt[-1].real
    ccs[1:-1:2], ccs[2:-1:2] = filt[1:-1].real, filt[1:-1].imag
    spec = cv2.dft(r, flags=cv2.DFT_ROWS)
    spec = cv2.mulSpectrums(spec, np.tile(ccs, (h, 1)), cv2.DFT_ROWS)
    out = cv2.idft(spec, flags=cv2.DFT_ROWS | cv2.DFT_REAL_OUTPUT | cv2.DFT_SCALE)[:, pad:pad + w]
    back = cv2.invertAffineTransform(rot)
    out = cv2.warpAffine(out, back, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    return np.clip(out, 0, 255).astype(np.uint8)


def deblurred(gray: np.ndarray, min_length: int = 6) -> tuple[np.ndarray, float] | None:
    """(deblurred crop, its scale relative to `gray`) when a smear of at least `min_length` px
    is found, else None. Large crops are processed at a reduced scale to bound the time."""
    work, scale = _work_copy(gray)
    angle, length = estimate(work)
    if length < min_length * scale:
        return None
    return wiener_rows(work, length, angle), scale


def wiener_disk(gray: np.ndarray, radius: float, nsr: float = 0.02) -> np.ndarray:
    """Disk-PSF Wiener deconvolution with packed real DFTs.

    A disk centred on the origin is symmetric, so its spectrum is real: in OpenCV's packed (CCS)
    layout its imaginary slots are zero, and the Wiener filter K / (K^2 + nsr) can be applied
    slot by slot (imaginary slots give 0 / nsr = 0), which is much faster than complex output.
    """
    g = gray.astype(np.float32)
    pad = int(2 * radius) + 4
    g = cv2.copyMakeBorder(g, pad, pad, pad, pad, cv2.BORDER_REFLECT)
    h, w = g.shape
    fh, fw = _even_dft_size(h), _even_dft_size(w)
    g = cv2.copyMakeBorder(g, 0, fh - h, 0, fw - w, cv2.BORDER_REFLECT)
    k = cv2.dft(disk_psf(radius, (fh, fw)))
    spec = cv2.mulSpectrums(cv2.dft(g), k / (k * k + np.float32(nsr)), 0)
    out = cv2.idft(spec, flags=cv2.DFT_REAL_OUTPUT | cv2.DFT_SCALE)
    out = out[pad:pad + gray.shape[0], pad:pad + gray.shape[1]]
    return np.clip(out, 0, 255).astype(np.uint8)


def refocused(gray: np.ndarray) -> list[tuple[np.ndarray, float]]:
    """Disk-PSF deconvolutions (two radius guesses) of an evenly blurred crop, with their scale.

    The radius comes from the same derivative-autocorrelation dip as the smear length, measured
    along x and y (a disk of radius r turns an edge into a ramp about 2r px wide); empty when
    the blur is directional (motion) or no dip is found. Works at full resolution up to
    REFOCUS_SIZE: shrinking a defocused crop loses what the deconvolution needs.
    """
    scale = min(1.0, REFOCUS_SIZE / max(gray.shape))
    work = gray if scale == 1.0 else cv2.resize(gray, None, fx=scale, fy=scale,
                                               interpolation=cv2.INTER_AREA)
    _, aniso = blur_direction(work)
    if aniso >= 0.15:
        return []
    lag = 0.5 * (blur_length(work, 0.0) + blur_length(work, math.pi / 2))
    if lag < MIN_LENGTH:
        return []
    return [(wiener_disk(work, lag * f), scale) for f in (0.5, 0.58)]
