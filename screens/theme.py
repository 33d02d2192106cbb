"""Sizes and colours: targets >= 60 px, text >= 24 px (32 in elder mode), contrast >= 4.5:1 (7:1)."""
from __future__ import annotations

from dataclasses import dataclass

MIN_TOUCH_PX = 60
MIN_BODY_PX = 24
MIN_CONTRAST = 4.5
ELDER_MIN_BODY_PX = 32  # 18 pt at the kiosk's viewing distance on this screen (issue 13)
ELDER_MIN_CONTRAST = 7.0  # WCAG AAA, for elder mode
ELDER_MIN_TOUCH_PX = 60


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


def darken_until_readable(color: tuple[float, float, float], minimum: float = MIN_CONTRAST,
                          against: tuple[tuple[float, float, float], ...] = (WHITE,),
                          ) -> tuple[float, float, float]:
    """Darken a colour until every colour in `against` reaches `minimum` contrast with it."""
    r, g, b = color
    while min(contrast(a, (r, g, b)) for a in against) < minimum and (r + g + b) > 0:
        r, g, b = r * 0.92, g * 0.92, b * 0.92
    return (r, g, b)


def readable_fill(color: tuple[float, float, float], minimum: float) -> tuple[float, float, float]:
    """A button fill near `color` on which its text colour (white or ink) reaches `minimum`."""
    if text_on(color) == WHITE:
        return darken_until_readable(color, minimum)
    r, g, b = color
    while contrast(INK, (r, g, b)) < minimum and (r, g, b) != WHITE:
        r, g, b = (min(1.0, c + (1 - c) * 0.1) for c in (r, g, b))  # toward white
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
    min_text_px: int = MIN_BODY_PX  # the smallest text any screen may show in this mode
    min_contrast: float = MIN_CONTRAST
    keypad_cols: int = 10  # code keypads: fewer, wider keys in elder mode (whole words fit)
    page_lists: bool = False  # elder mode: long lists get Previous / Next page buttons

    def pairs(self) -> dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]]:
        """Every text/background pair the screens use, for the contrast test."""
        return {
            "primary": (self.on_primary, self.primary), "accent": (self.on_accent, self.accent),
            "body": (self.ink, self.background), "surface": (self.ink, self.surface),
            "muted": (self.muted_ink, self.surface), "danger": (WHITE, self.danger),
            "muted_body": (self.muted_ink, self.background),
            "primary_text": (self.primary, self.background), "danger_text": (self.danger, self.background),
        }


def make_theme(primary_hex: str, accent_hex: str, elder: bool) -> Theme:
    """Theme from the profile's branding; elder mode enlarges text and targets by about 40% and
    darkens or lightens colours until every pair reaches 7:1."""
    scale = 1.4 if elder else 1.0
    minimum = ELDER_MIN_CONTRAST if elder else MIN_CONTRAST
    background = hex_to_rgb("#F4F6F9")
    # the brand colour is both a fill under white text and a text colour on the background
    primary = darken_until_readable(hex_to_rgb(primary_hex), minimum, (WHITE, background))
    accent = readable_fill(hex_to_rgb(accent_hex), minimum)
    danger = darken_until_readable(hex_to_rgb("#B3261E"), minimum, (WHITE, background))
    return Theme(
        body_px=round(26 * scale), small_px=round(24 * scale), title_px=round(38 * scale),
        huge_px=round(60 * scale), button_h=round(88 * scale), spacing=round(16 * scale),
        primary=primary, on_primary=text_on(primary), accent=accent, on_accent=text_on(accent),
        background=background, surface=WHITE, ink=INK,
        muted_ink=hex_to_rgb("#4A4F57"), danger=danger,
        min_text_px=ELDER_MIN_BODY_PX if elder else MIN_BODY_PX, min_contrast=minimum,
        keypad_cols=8 if elder else 10, page_lists=elder)
