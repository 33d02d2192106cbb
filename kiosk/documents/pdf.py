"""Assemble captured pages into one PDF (img2pdf, JPEG per page) within a per-page size budget."""
from __future__ import annotations

from typing import Iterable, Sequence

import cv2
import img2pdf
import numpy as np

A4_PIXELS_AT_200DPI = 1654 * 2339
MAX_BYTES_PER_A4 = 300_000
QUALITIES = (85, 78, 70, 62, 55, 48, 40, 32, 25)


class PdfError(ValueError):
    """A page could not be encoded within its budget, or there were no pages."""


def _as_array(page: object) -> np.ndarray:
    img = getattr(page, "image", page)
    if not isinstance(img, np.ndarray) or img.ndim not in (2, 3):
        raise PdfError("a page must be a greyscale or BGR image")
    return img


def page_budget(image: np.ndarray, dpi: int, max_bytes_per_a4: int) -> int:
    """Byte budget for one page: the A4 budget scaled by the page's area at dpi."""
    scale = (200.0 / dpi) ** 2
    area = image.shape[0] * image.shape[1] * scale
    return max(20_000, int(max_bytes_per_a4 * min(1.0, area / A4_PIXELS_AT_200DPI) + 0.5))


def _simplify(image: np.ndarray) -> np.ndarray:
    """Drop sensor noise: 3x3 median, then near-white paper snapped to white."""
    out = cv2.medianBlur(image, 3)
    gray = out if out.ndim == 2 else cv2.cvtColor(out, cv2.COLOR_BGR2GRAY)
    out = out.copy()
    out[gray >= 200] = 255
    return out


def encode_page(image: np.ndarray, budget: int) -> bytes:
    """JPEG at the highest quality that fits the budget; noisy pages are simplified first."""
    for attempt in (image, _simplify(image)):
        for q in QUALITIES:
            ok, buf = cv2.imencode(".jpg", attempt, [cv2.IMWRITE_JPEG_QUALITY, q,
                                                     cv2.IMWRITE_JPEG_OPTIMIZE, 1])
            if ok and len(buf) <= budget:
                return buf.tobytes()
    raise PdfError(f"page does not fit in {budget} bytes even at JPEG quality {QUALITIES[-1]}")


def build_pdf(pages: Sequence[object] | Iterable[object], dpi: int = 200,
              max_bytes_per_a4: int = MAX_BYTES_PER_A4) -> bytes:
    """One PDF of the pages (arrays or objects with `.image`), placed at dpi, budget per A4 page."""
    jpegs = []
    for page in pages:
        img = _as_array(page)
        jpegs.append(encode_page(img, page_budget(img, dpi, max_bytes_per_a4)))
    if not jpegs:
        raise PdfError("no pages to assemble")
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    return img2pdf.convert(jpegs, layout_fun=layout)
