"""Sizes and colours: touch targets >= 60 px, body text >= 24 px, contrast >= 4.5:1."""
from __future__ import annotations

from dataclasses import dataclass

MIN_TOUCH_PX = 60
MIN_BODY_PX = 24
MIN_CONTRAST = 4.5


def hex_to_rgb(color: str) -> tuple[float, float, float]:
    """'#1F5FAA' -> (r, g, b) in 0..1."""
    c = color.lstrip("#")
    return tuple(int(c[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG contrast ratio between two colours."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


WHITE = (1.0, 1.0, 1.0)
INK = hex_to_rgb("#1A1A1A")


def text_on(bg: tuple[float, float, float]) -> tuple[float, float, float]:
    """White or near-black text, whichever contrasts more with bg."""
    return WHITE if contrast(WHITE, bg) >= contrast(INK, bg) else INK


def darken_until_readable(color: tuple[float, float, float]) -> tuple[float, float, float]:
    """Darken a brand colour until white text on it reaches MIN_CONTRAST."""
    r, g, b = color
    while contrast(WHITE, (r, g, b)) < MIN_CONTRAST and (r + g + b) > 0:
        r, g, b = r * 0.92, g * 0.92, b * 0.92
    return (r, g, b)


@dataclass(frozen=True)
class Theme:
    """Everything the .kv rules read; one instance for normal and one for elder mode."""

    body_px: int
    small_px: int
    title_px: int
    huge_px: int
    button_h: int
    spacing: int
    primary: tuple[float, float, float]
    on_primary: tuple[float, float, float]
    accent: tuple[float, float, float]
    on_accent: tuple[float, float, float]
    background: tuple[float, float, float]
    surface: tuple[float, float, float]
    ink: tuple[float, float, float]
    muted_ink: tuple[float, float, float]
    danger: tuple[float, float, float]

    def pairs(self) -> dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]]:
        """Every text/background pair the screens use, for the contrast test."""
        return {
            "primary": (self.on_primary, self.primary), "accent": (self.on_accent, self.accent),
            "body": (self.ink, self.background), "surface": (self.ink, self.surface),
            "muted": (self.muted_ink, self.surface), "danger": (WHITE, self.danger),
        }


def make_theme(primary_hex: str, accent_hex: str, elder: bool) -> Theme:
    """Theme from the profile's branding; elder mode enlarges text and targets by about 40%."""
    scale = 1.4 if elder else 1.0
    primary = darken_until_readable(hex_to_rgb(primary_hex))
    accent = hex_to_rgb(accent_hex)
    return Theme(
        body_px=round(26 * scale), small_px=round(24 * scale), title_px=round(38 * scale),
        huge_px=round(60 * scale), button_h=round(88 * scale), spacing=round(16 * scale),
        primary=primary, on_primary=text_on(primary), accent=accent, on_accent=text_on(accent),
        background=hex_to_rgb("#F4F6F9"), surface=WHITE, ink=INK,
        muted_ink=hex_to_rgb("#4A4F57"), danger=hex_to_rgb("#B3261E"))
