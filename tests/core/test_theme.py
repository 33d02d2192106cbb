"""Every text/background pair meets 4.5:1; sizes meet the touch and text minimums."""
from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import load_config
from screens.theme import (MIN_BODY_PX, MIN_CONTRAST, MIN_TOUCH_PX, contrast, hex_to_rgb,
                           make_theme)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("profile", ["booth_24h", "bank_branch", "post_office"])
@pytest.mark.parametrize("elder", [False, True])
def test_theme_meets_contrast_and_size_minimums(profile, elder):
    brand = load_config(ROOT / "config" / "kiosk.toml", profile).profile.branding
    theme = make_theme(brand.primary_color, brand.accent_color, elder)
    for name, (fg, bg) in theme.pairs().items():
        assert contrast(fg, bg) >= MIN_CONTRAST, f"{profile} {name}: {contrast(fg, bg):.2f}"
    assert theme.small_px >= MIN_BODY_PX and theme.body_px >= MIN_BODY_PX
    assert theme.button_h >= MIN_TOUCH_PX


def test_elder_mode_is_larger_and_a_pale_brand_colour_is_darkened():
    normal, elder = make_theme("#1F5FAA", "#E8A33D", False), make_theme("#1F5FAA", "#E8A33D", True)
    assert elder.body_px > normal.body_px and elder.button_h > normal.button_h
    pale = make_theme("#9EC9FF", "#FFFF00", False)
    assert contrast(pale.on_primary, pale.primary) >= MIN_CONTRAST
    assert contrast((1, 1, 1), hex_to_rgb("#9EC9FF")) < MIN_CONTRAST  # it really was too pale


@pytest.mark.parametrize("profile", ["booth_24h", "bank_branch", "post_office"])
def test_elder_theme_reaches_7_to_1_and_32_px_for_every_pair(profile):
    from screens.theme import ELDER_MIN_BODY_PX, ELDER_MIN_CONTRAST
    brand = load_config(ROOT / "config" / "kiosk.toml", profile).profile.branding
    theme = make_theme(brand.primary_color, brand.accent_color, True)
    assert theme.min_contrast == ELDER_MIN_CONTRAST and theme.min_text_px == ELDER_MIN_BODY_PX
    for name, (fg, bg) in theme.pairs().items():
        assert contrast(fg, bg) >= ELDER_MIN_CONTRAST, f"{profile} {name}: {contrast(fg, bg):.2f}"
    assert min(theme.small_px, theme.body_px) >= ELDER_MIN_BODY_PX


def test_a_pale_accent_is_lightened_under_ink_text_for_elder_mode():
    from screens.theme import INK, readable_fill
    fill = readable_fill(hex_to_rgb("#C08020"), 7.0)  # ink on it: about 6:1 before
    assert contrast(INK, hex_to_rgb("#C08020")) < 7.0 <= contrast(INK, fill)
