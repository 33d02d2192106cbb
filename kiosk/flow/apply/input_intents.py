"""Intents of the form's touch input: focus a field, press a keypad key, pick a candidate, use a picker."""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.intents import Intent


@dataclass(frozen=True)
class FocusField(Intent):
    """Type into this field next (an open composition is committed to the field it was typed in)."""

    field_id: str


@dataclass(frozen=True)
class PressKey(Intent):
    """A key of the on-screen keypad: action is insert/backspace/clear/space/switch/done (kiosk.input.keypads)."""

    value: str
    action: str = "insert"


@dataclass(frozen=True)
class ChooseCandidate(Intent):
    """Tap a candidate of the pinyin candidate bar (index on the page shown)."""

    index: int


@dataclass(frozen=True)
class PageCandidates(Intent):
    """Show the next (+1) or previous (-1) page of candidates."""

    delta: int


@dataclass(frozen=True)
class OpenPicker(Intent):
    """Open a picker for the focused field: "division", "date" or "choice"."""

    kind: str


@dataclass(frozen=True)
class PickOption(Intent):
    """Pick one option of the picker's current level (by its value)."""

    value: str


@dataclass(frozen=True)
class PagePicker(Intent):
    """Show the next (+1) or previous (-1) page of the picker's options."""

    delta: int


@dataclass(frozen=True)
class PickerBack(Intent):
    """Undo the picker's last level (closes it at the first level)."""


@dataclass(frozen=True)
class ClosePicker(Intent):
    """Close the picker without changing the field."""
