"""Printer text: GB18030 encoding with safe replacements, column widths, and wrapping."""
from __future__ import annotations

import unicodedata

from kiosk import linebreak

REPLACEMENT = "?"

# Characters whose GB18030 form is a 4-byte sequence many printer fonts lack, mapped to the
# common 2-byte (GBK) form that prints the same symbol.
_PREFERRED = {
    "\u00a5": "\uffe5",  # ¥ -> ￥
    "\u2022": "\u00b7",  # • -> ·
    "\u00a0": " ",       # no-break space
}


def normalize(text: str, charset: str = "gb18030") -> str:
    """Map characters to forms the printer can print; replace the unprintable with '?' visibly.

    charset "gb18030" accepts anything GB18030 encodes; "gbk" accepts only 2-byte codes, which
    every Chinese printer font has.
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        ch = _PREFERRED.get(ch, ch)
        if ch == "\t":
            ch = " "
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Co", "Cn") or (cat == "Cf") or (cat.startswith("M")):
            # control bytes would be commands to the printer; combining marks have no cell
            out.append(REPLACEMENT if cat != "Cf" else "")
            continue
        try:
            encoded = ch.encode("gb18030")
        except UnicodeEncodeError:
            out.append(REPLACEMENT)
            continue
        if charset == "gbk" and len(encoded) == 4:
            out.append(REPLACEMENT)
            continue
        out.append(ch)
    return "".join(out)


def char_columns(ch: str) -> int:
    """Printer columns of one normalized character: ASCII is half width, every Hanzi-mode code full."""
    return 1 if ord(ch) < 0x80 else 2


def columns(text: str) -> int:
    """Printer columns of normalized text."""
    return sum(char_columns(c) for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Wrap normalized text to `width` printer columns (rules in kiosk.linebreak)."""
    if width < 2:
        raise ValueError("wrap width must be at least 2 columns")
    return linebreak.wrap(text, width, char_columns)


def pad_between(left: str, right: str, width: int) -> list[str]:
    """Key on the left and value on the right of a `width`-column line; wraps when too long."""
    gap = width - columns(left) - columns(right)
    if gap >= 1:
        return [left + " " * gap + right]
    key_lines = wrap(left, width)
    value_lines = wrap(right, width)
    return key_lines + [" " * (width - columns(v)) + v for v in value_lines]


def align_line(line: str, width: int, align: str) -> str:
    """Pad a line with spaces for left/center/right alignment (used where ESC a cannot be)."""
    free = max(0, width - columns(line))
    if align == "right":
        return " " * free + line
    if align == "center":
        return " " * (free // 2) + line
    return line
