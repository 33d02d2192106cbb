"""Keypad layouts as data: which keys, in which rows, for which field kinds (screens only draw them).

A key is a `Key(value, action)`: action "insert" types `value`; the others are BACKSPACE, CLEAR,
SPACE, DONE and SWITCH (to the layout named in `value`). Labels of action keys are i18n keys
"keypad.<action>".
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One key: what it types (or which layout it switches to) and its action."""

    value: str
    action: str = "insert"


@dataclass(frozen=True)
class Keypad:
    """A named layout: rows of keys top to bottom, and whether a pinyin candidate bar sits above it."""

    name: str
    rows: tuple[tuple[Key, ...], ...]
    candidate_bar: bool = False

    def values(self) -> set[str]:
        """Every character this keypad can type."""
        return {k.value for row in self.rows for k in row if k.action == "insert"}


def _keys(chars: str) -> tuple[Key, ...]:
    return tuple(Key(c) for c in chars)


BACKSPACE, CLEAR, SPACE, DONE = Key("", "backspace"), Key("", "clear"), Key(" ", "space"), Key("", "done")
DIGITS = (_keys("123"), _keys("456"), _keys("789"))

LAYOUTS: dict[str, Keypad] = {
    "numeric": Keypad("numeric", DIGITS + ((CLEAR, Key("0"), BACKSPACE), (DONE,))),
    # The 18th character of an ID number may be X: the key sits where a phone pad has "*".
    "id_number": Keypad("id_number", DIGITS + ((Key("X"), Key("0"), BACKSPACE), (CLEAR, DONE))),
    "phone": Keypad("phone", DIGITS + ((Key("-"), Key("0"), BACKSPACE), (CLEAR, DONE))),
    "date": Keypad("date", DIGITS + ((Key("-"), Key("0"), BACKSPACE), (CLEAR, DONE))),
    "latin": Keypad("latin", (_keys("1234567890"), _keys("qwertyuiop"), _keys("asdfghjkl"),
                              _keys("zxcvbnm") + (BACKSPACE,),
                              (Key("pinyin", "switch"), SPACE, Key("'"), DONE))),
    "latin_upper": Keypad("latin_upper", (_keys("1234567890"), _keys("QWERTYUIOP"), _keys("ASDFGHJKL"),
                                          _keys("ZXCVBNM") + (BACKSPACE,), (CLEAR, DONE))),
    # Pinyin: letters go to the PinyinSession; ' splits syllables (xi'an); · is for minority names;
    # digits type straight into the field ("2026年", house numbers).
    "pinyin": Keypad("pinyin", (_keys("1234567890"), _keys("qwertyuiop"), _keys("asdfghjkl"), _keys("zxcvbnm") + (BACKSPACE,),
                                (Key("latin", "switch"), Key("'"), SPACE, Key("·"), DONE)),
                     candidate_bar=True),
    "choice": Keypad("choice", ((DONE,),)),
}


def keypad_for(spec_keypad: str) -> Keypad:
    """The layout a FieldSpec asks for (unknown names fall back to latin)."""
    return LAYOUTS.get(spec_keypad, LAYOUTS["latin"])
