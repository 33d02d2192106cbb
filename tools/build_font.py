"""Builds assets/fonts/NotoSansSC-Kiosk.otf: the Simplified Chinese face of Noto Sans CJK, subset.

Kivy always uses face 0 of a .ttc (the Japanese face in Noto Sans CJK), so we extract the SC face
and subset it to ASCII, Latin-1, GB2312, CJK punctuation and full-width forms (plus extra name
characters) to keep the repository small. Needs Debian's fonts-noto-cjk and fontTools.
Run: .venv/bin/python tools/build_font.py [SRC.ttc] [OUT.otf]
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SRC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
OUT = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSansSC-Kiosk.otf"
# Characters common in names and addresses that GB2312 lacks.
EXTRA = "喆堃犇淼鑫垚焱昇玥珺瑄琇璟旻昕晞曦楠桢祎禕铧镕冮玙珣瑢琪璠頔昶晟翀"


def charset() -> str:
    """Every character the kiosk font must cover."""
    chars = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x100)]
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    chars += [chr(c) for c in range(0x3000, 0x3040)]  # CJK symbols and punctuation
    chars += [chr(c) for c in range(0xFF00, 0xFFF0)]  # full-width forms
    chars += [chr(c) for c in range(0x2010, 0x2070)]  # general punctuation
    chars += list("←↑→↓√×÷№℃￥¥•…") + list(EXTRA)
    return "".join(sorted(set(chars)))


def sc_face_index(ttc: TTCollection) -> int:
    """Index of the face whose family name ends with 'SC'."""
    for i, font in enumerate(ttc.fonts):
        family = font["name"].getDebugName(1) or ""
        if family.strip().endswith(" SC"):
            return i
    raise SystemExit("no SC face in the collection")


def main() -> None:
    """Extract, subset and save."""
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else SRC
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    ttc = TTCollection(str(src))
    font = ttc.fonts[sc_face_index(ttc)]
    options = subset.Options()
    options.name_IDs = ["*"]
    options.layout_features = ["*"]
    options.hinting = False
    options.desubroutinize = False
    sub = subset.Subsetter(options)
    sub.populate(text=charset())
    sub.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    print(out, out.stat().st_size)


if __name__ == "__main__":
    main()
