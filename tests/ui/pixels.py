"""Measure what the rendered screen shows: colours under a widget, contrast of its text."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from PIL import Image

from screens.theme import contrast


def _box(img: Image.Image, widget) -> tuple[int, int, int, int]:
    """The widget's rectangle in image coordinates (the PNG's origin is top-left)."""
    x, y = widget.to_window(widget.x, widget.y)
    left, top = int(x), int(img.height - (y + widget.height))
    return (max(0, left), max(0, top), min(img.width, int(left + widget.width)),
            min(img.height, int(img.height - y)))


def background_under(img: Image.Image, widget) -> tuple[float, float, float]:
    """The most common colour in the widget's rectangle: what its text is drawn on."""
    crop = img.crop(_box(img, widget)).convert("RGB")
    (rgb, _), = Counter(crop.getdata()).most_common(1)
    return tuple(c / 255 for c in rgb)  # type: ignore[return-value]


def ink_pixels(img: Image.Image, widget, rgb: tuple[float, float, float], tol: int = 40) -> int:
    """How many pixels in the widget's rectangle are (nearly) its text colour."""
    target = [round(c * 255) for c in rgb]
    crop = img.crop(_box(img, widget)).convert("RGB")
    return sum(1 for p in crop.getdata() if all(abs(a - b) <= tol for a, b in zip(p, target)))


def label_contrast(png: Path, widget) -> tuple[float, int]:
    """(contrast of the label's text colour on the rendered background, text-coloured pixels)."""
    img = Image.open(png)
    text_rgb = tuple(widget.color[:3])
    bg = background_under(img, widget)
    return contrast(text_rgb, bg), ink_pixels(img, widget, text_rgb)
