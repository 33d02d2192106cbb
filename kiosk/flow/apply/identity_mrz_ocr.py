"""The passport's MRZ read from a document-camera image with Tesseract; the check digits decide what is kept.

Tesseract (Debian's tesseract-ocr with the eng data) reads the page restricted to the MRZ alphabet.
OCR miscounts runs of '<' and mixes O/0 and I/1, so only the BAC parts of line 2 are taken, by
pattern, with letter-for-digit fixes where the format demands a digit: document number, birth
date and expiry, each kept only when its check digit agrees. Runs on the flow's executor, never on
the UI thread (one page takes a second or two).
"""
from __future__ import annotations

import logging
import re
import shutil
from functools import lru_cache
from typing import Any

from kiosk.flow.apply.identity_mrz import check_all

log = logging.getLogger(__name__)
WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
# line 2 of TD3/TD2: number(9) check, nationality(3), birth(6) check, sex, expiry(6) check
_LINE2 = re.compile(r"([A-Z0-9<]{9})([0-9OQDIL])([A-Z<]{3})([0-9OQDIL]{6})([0-9OQDIL])"
                    r"([MFX<])([0-9OQDIL]{6})([0-9OQDIL])")
_AS_DIGIT = str.maketrans("OQDIL", "00011")


@lru_cache(maxsize=1)
def available() -> bool:
    """True when the Tesseract program and its Python wrapper are installed."""
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


def mrz_parts_in(text: str) -> dict[str, str] | None:
    """The three BAC entries (each with its check digit) from OCR text, or None if no line checks out."""
    for raw in text.splitlines():
        line = raw.replace(" ", "").upper()
        for match in _LINE2.finditer(line):
            doc, doc_cd, _nat, birth, birth_cd, _sex, expiry, expiry_cd = match.groups()
            entries = {"mrz_document": doc.replace("<", "") + doc_cd.translate(_AS_DIGIT),
                       "mrz_birth": (birth + birth_cd).translate(_AS_DIGIT),
                       "mrz_expiry": (expiry + expiry_cd).translate(_AS_DIGIT)}
            if not check_all(entries):
                return entries
    return None


def read_mrz_parts(image: Any) -> dict[str, str] | None:
    """OCR a page image (numpy grey/BGR or PIL) and return the checked BAC entries, or None."""
    import pytesseract
    from PIL import Image
    if not isinstance(image, Image.Image):
        import numpy as np
        array = np.asarray(image)
        image = Image.fromarray(array[:, :, ::-1] if array.ndim == 3 else array)
    text = pytesseract.image_to_string(
        image.convert("L"), config=f"--psm 6 -c tessedit_char_whitelist={WHITELIST}")
    parts = mrz_parts_in(text)
    log.info("apply: MRZ OCR %s", "found the BAC parts" if parts else "found no checked MRZ line")
    return parts


available()  # probed once when the flow is built, never later on the UI thread
