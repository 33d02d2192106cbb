"""KeyButton: one key of a code keypad, sized by the theme (rule in chrome.kv)."""
from __future__ import annotations

from kivy.properties import StringProperty
from kivy.uix.button import Button


class KeyButton(Button):
    """A keypad key: one line of text at the mode's minimum size, at least 60 px tall."""

    role = StringProperty("plain")  # "primary" for OK, else "plain"
