"""Synthetic passport photo pages for the MRZ OCR tests: a TD3 MRZ in a monospace font on a grey page."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from drivers.card_reader.mrtd.mrz import check_digit

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def td3_lines(surname: str, given: str, doc: str, nationality: str, birth: str, sex: str,
              expiry: str) -> tuple[str, str]:
    """Both MRZ lines of a passport, with every check digit."""
    line1 = f"P<{nationality}{surname}<<{given}".ljust(44, "<")
    doc9, personal = doc.ljust(9, "<"), "<" * 14
    head = (doc9 + check_digit(doc9) + nationality + birth + check_digit(birth) + sex + expiry
            + check_digit(expiry) + personal + check_digit(personal))
    composite = head[0:10] + head[13:20] + head[21:43]
    return line1, head + check_digit(composite)


def photo_page(lines: tuple[str, str], noise: float = 0.0, seed: int = 1) -> np.ndarray:
    """A grey page image (as the document camera hands it over) with the MRZ at the bottom."""
    img = Image.new("L", (1400, 520), 232)
    draw = ImageDraw.Draw(img)
    draw.text((60, 50), "PASSPORT / PASSEPORT", fill=40, font=ImageFont.truetype(SANS, 40))
    draw.rectangle((60, 120, 300, 300), outline=90, width=3)  # the photo
    mono = ImageFont.truetype(MONO, 48)
    draw.text((40, 350), lines[0], fill=20, font=mono)
    draw.text((40, 415), lines[1], fill=20, font=mono)
    page = np.asarray(img, dtype=np.float32)
    if noise:
        page = page + np.random.default_rng(seed).normal(0, noise, page.shape)
    return np.clip(page, 0, 255).astype(np.uint8)
