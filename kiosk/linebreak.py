"""Line breaking for mixed Chinese and Latin text, for any measure (printer columns, pixels).

Chinese may break between any two characters; Latin text breaks at spaces (or between a Hanzi
and a Latin word), so a word or a number that fits on a line is never split ("12 / 345"); a
word longer than a line (a URL) breaks only after / ? & = , and failing those after - . _ : #;
a closing punctuation mark never starts a line and a bullet or opening mark never ends one.
"""
from __future__ import annotations

from typing import Callable

NO_LINE_START = frozenset("，。、；：？！）」』】》〉,.;:?!)]}%")
NO_LINE_END = frozenset("•\u00a0（(《「『【“")  # a bullet or an opening mark stays with what follows
URL_BREAKS = ("/?&=,", "-._:#")


def wrap(text: str, width: float, char_width: Callable[[str], float]) -> list[str]:
    """Lines of at most `width` (as measured by summing char_width) for each paragraph of text."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, char_width))
    return lines


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
        for marks in URL_BREAKS:  # the word is longer than a line: a safe break inside it
            for i in range(len(line) - 1, start, -1):
                if line[i] in marks:
                    return i + 1
        return len(line)
    if ch in NO_LINE_START and len(line) > 1:
        if _is_latin(ch) or _is_latin(line[-1]):
            return _cut(line[:-1], line[-1])
        return len(line) - 1  # carry the previous character down with the punctuation
    return len(line)


def _wrap_paragraph(text: str, width: float, char_width: Callable[[str], float]) -> list[str]:
    lines: list[str] = []
    line = ""
    used = 0.0
    i = 0
    while i < len(text):
        ch = text[i]
        w = char_width(ch)
        if used + w <= width or not line:
            line += ch
            used += w
            i += 1
            continue
        cut = _cut(line, ch)
        while cut > 1 and line[cut - 1] in NO_LINE_END:
            cut -= 1
        head, carry = line[:cut], line[cut:]
        lines.append(head.rstrip(" "))
        line = carry
        used = sum(char_width(c) for c in carry)
        if ch == " " and not line:
            i += 1  # a space at a break is swallowed
    lines.append(line)
    return lines
