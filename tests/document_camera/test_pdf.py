"""PDF assembly keeps each A4 page within 300 kB and places pages at 200 dpi."""
import re

import numpy as np
import pytest

from kiosk.documents.pdf import MAX_BYTES_PER_A4, PdfError, build_pdf


def _busy_page(seed):
    """A hard-to-compress A4 page at 200 dpi: dense strokes plus sensor-like noise."""
    rng = np.random.default_rng(seed)
    page = np.full((2339, 1654), 240, np.uint8)
    for y in range(100, 2240, 34):
        x = 120
        while x < 1530:
            w = int(rng.integers(10, 70))
            page[y:y + 16, x:x + w] = 25
            x += w + 10
    noise = rng.normal(0, 12, page.shape)
    return np.clip(page + noise, 0, 255).astype(np.uint8)


def test_three_busy_pages_fit_the_budget():
    pages = [_busy_page(s) for s in range(3)]
    pdf = build_pdf(pages)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 3
    assert len(pdf) <= 3 * MAX_BYTES_PER_A4
    # 1654 px at 200 dpi is 595.4 pt: the A4 width
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf)
    assert box and abs(float(box.group(1)) - 595.4) < 1 and abs(float(box.group(2)) - 842.0) < 1.5


def test_colour_card_page_is_accepted():
    card = np.full((638, 1011, 3), (230, 215, 200), np.uint8)
    card[100:500, 650:950] = (120, 110, 100)
    card[80:110, 60:560] = (30, 30, 30)
    assert build_pdf([card], dpi=300).startswith(b"%PDF")


def test_impossible_budget_and_empty_input_are_errors():
    with pytest.raises(PdfError):
        build_pdf([])
    noise = np.random.default_rng(2).integers(0, 255, (2339, 1654), dtype=np.uint8)
    with pytest.raises(PdfError):
        build_pdf([noise], max_bytes_per_a4=5_000)
