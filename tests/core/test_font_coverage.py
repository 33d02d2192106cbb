"""The bundled font can draw every character the kiosk shows: UI strings and the shipped catalog."""
from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "assets" / "fonts" / "NotoSansSC-Kiosk.otf"


def test_font_is_the_simplified_chinese_face():
    name = TTFont(FONT)["name"]
    assert name.getDebugName(1).endswith(" SC")


def test_every_shown_character_has_a_glyph():
    cmap = TTFont(FONT).getBestCmap()
    # languages.json names each language in itself ("繁體中文"): drawn in that language's font,
    # checked by tests/i18n/test_convert.py
    files = sorted(p for p in (ROOT / "assets" / "i18n").glob("*.json")
                   if p.name != "languages.json") + \
        sorted((ROOT / "config" / "services").glob("*.toml")) + \
        sorted((ROOT / "config" / "bundles").glob("*.toml")) + \
        sorted((ROOT / "config" / "profiles").glob("*.toml"))
    missing: dict[str, set[str]] = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith("#"):
                continue  # comments are never shown
            for ch in line:
                if ord(ch) >= 0x20 and ord(ch) not in cmap:
                    missing.setdefault(path.name, set()).add(ch)
    assert not missing, f"characters the font cannot draw: {missing}"
