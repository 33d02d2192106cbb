"""The chosen one of a set of buttons is marked with a shape (■), never by its colour alone (issue 13).

WCAG 1.4.1: a resident who cannot tell the accent colour from the plain one (colour blindness,
a greyscale view, glare) still sees which tab, level, option or material is chosen; the keypad
navigation speaks the label without the mark and says "selected" (screens/keypad_nav.py).
"""
from __future__ import annotations

MARK = "■ "  # the guide's yes/no and bundle choices already use it


def marked(text: str, selected: bool) -> str:
    """text with the chosen-mark in front when selected."""
    return MARK + text if selected else text


def is_marked(text: str) -> bool:
    """The text carries the chosen-mark."""
    return text.startswith(MARK)


def unmarked(text: str) -> str:
    """text without a chosen (■) or not-chosen (□) mark in front: what is spoken."""
    return text[2:] if text[:2] in (MARK, "□ ") else text
