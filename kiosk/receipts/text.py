"""Printer text: GB18030 encoding with safe replacements, column widths, and wrapping."""
from __future__ import annotations

import unicodedata

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
    """Wrap normalized text to `width` columns, never inside a Latin word that fits on a line.

    Chinese may break between any two characters; Latin text breaks at spaces (or between a
    Hanzi and a Latin word); a word longer than a line (a URL) breaks only after / ? & = , and
    failing those after - . _; a closing punctuation mark never starts a line.
    """
    if width < 2:
        raise ValueError("wrap width must be at least 2 columns")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width))
    return lines


_NO_LINE_START = set("，。、；：？！）」』】》〉,.;:?!)]}%")
_URL_BREAKS = ("/?&=,", "-._:#")


def _is_latin(ch: str) -> bool:
    return ord(ch) < 0x80 and ch != " "


def _cut(line: str, ch: str) -> int:
    """Where to cut a full line so that `ch` can start (or continue) the next one; never 0."""
    if _is_latin(ch):
        start = len(line)
        while start > 0 and _is_latin(line[start - 1]):
            start -= 1
        if line[:start].strip():
            return start  # the whole word moves down
        for marks in _URL_BREAKS:  # the word is longer than a line: a safe break inside it
            for i in range(len(line) - 1, start, -1):
                if line[i] in marks:
                    return i + 1
        return len(line)
    if ch in _NO_LINE_START and len(line) > 1:
        return len(line) - 1  # carry the previous character down with the punctuation
    return len(line)


def _wrap_paragraph(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    used = 0
    i = 0
    while i < len(text):
        ch = text[i]
        w = char_columns(ch)
        if used + w <= width:
            line += ch
            used += w
            i += 1
            continue
        cut = _cut(line, ch)
        head, carry = line[:cut], line[cut:]
        lines.append(head.rstrip(" "))
        line, used = carry, columns(carry)
        if ch == " " and not line:
            i += 1  # a space at a break is swallowed
    lines.append(line)
    return lines


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
