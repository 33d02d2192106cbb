"""Strict readers for TOML tables that record problems with field paths instead of raising."""
from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable

from kiosk.catalog.hours import HoursError, WeeklyHours
from kiosk.catalog.model import Problem
from kiosk.catalog.text import LANGS, Text

_MISSING = object()


MAX_TEXT = 4_000   # one guide element (a long FAQ answer is ~800 characters)
MAX_NAME = 120     # a service, bundle or material name (the longest shipped is 33)

class Reader:
    """Reads one table strictly: every access is type-checked and unknown keys are reported."""

    def __init__(self, file: str, data: Any, path: str = "",
                 problems: list[Problem] | None = None) -> None:
        self.file = file
        self.path = path
        self.problems = problems if problems is not None else []
        self.used: set[str] = set()
        if isinstance(data, dict):
            self.data = data
        else:
            self.data = {}
            self.report("", "must be a table")

    def sub(self, key: str) -> str:
        """The path of a key below this table."""
        return f"{self.path}.{key}" if self.path else key

    def report(self, key: str, reason: str) -> None:
        """Record a problem for key (or for this table when key is empty)."""
        self.problems.append(Problem(self.file, self.sub(key) if key else self.path, reason))

    def has(self, key: str) -> bool:
        """True when the key is present (and marks it as known)."""
        self.used.add(key)
        return key in self.data

    def _get(self, key: str, required: bool) -> Any:
        self.used.add(key)
        if key not in self.data:
            if required:
                self.report(key, "is required")
            return _MISSING
        return self.data[key]

    def string(self, key: str, required: bool = True, default: str = "",
               pattern: str | None = None) -> str:
        """A non-empty string, optionally matching a regular expression."""
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if not isinstance(value, str) or not value.strip():
            self.report(key, "must be a non-empty string")
            return default
        if pattern and not re.fullmatch(pattern, value):
            self.report(key, f"{value!r} does not match {pattern}")
            return default
        return value

    def integer(self, key: str, required: bool = True, default: int = 0,
                low: int | None = None, high: int | None = None) -> int:
        """An integer within [low, high]."""
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(key, "must be an integer")
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            self.report(key, f"{value} is out of range {low}..{high}")
            return default
        return value

    def number(self, key: str, required: bool = True, default: float = 0.0) -> float:
        """A non-negative number."""
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            self.report(key, "must be a non-negative number")
            return default
        return float(value)

    def boolean(self, key: str, required: bool = True, default: bool = False) -> bool:
        """true or false."""
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.report(key, "must be true or false")
            return default
        return value

    def choice(self, key: str, choices: Iterable[str], required: bool = True,
               default: str = "") -> str:
        """One of a fixed set of strings."""
        options = tuple(choices)
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if value not in options:
            self.report(key, f"{value!r} is not one of {', '.join(options)}")
            return default
        return value

    def choices(self, key: str, choices: Iterable[str], required: bool = True,
                allow_empty: bool = False) -> tuple[str, ...]:
        """A list of distinct strings from a fixed set."""
        options = tuple(choices)
        values = self.strings(key, required, allow_empty)
        for index, value in enumerate(values):
            if value not in options:
                self.report(f"{key}[{index}]", f"{value!r} is not one of {', '.join(options)}")
                return ()
        return values

    def strings(self, key: str, required: bool = True, allow_empty: bool = False) -> tuple[str, ...]:
        """A list of distinct non-empty strings."""
        value = self._get(key, required)
        if value is _MISSING:
            return ()
        if not isinstance(value, list) or (not value and not allow_empty):
            self.report(key, "must be a non-empty list" if not allow_empty else "must be a list")
            return ()
        for index, entry in enumerate(value):
            if not isinstance(entry, str) or not entry.strip():
                self.report(f"{key}[{index}]", "must be a non-empty string")
                return ()
        if len(set(value)) != len(value):
            self.report(key, "has duplicate entries")
        return tuple(value)

    def text(self, key: str, required: bool = True, max_len: int = MAX_TEXT) -> Text | None:
        """A localized text {zh = "..", en = ".."}, both non-empty, at most max_len characters."""
        value = self._get(key, required)
        if value is _MISSING:
            return None
        return self._text(value, key, max_len)

    def _text(self, value: Any, key: str, max_len: int = MAX_TEXT) -> Text | None:
        if not isinstance(value, dict):
            self.report(key, "must be a table {zh = \"..\", en = \"..\"}")
            return None
        extra = sorted(set(value) - set(LANGS))
        if extra:
            self.report(f"{key}.{extra[0]}", "unknown language (use zh and en)")
            return None
        for lang in LANGS:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.report(f"{key}.{lang}", "is required (non-empty string)")
                return None
            if len(text) > max_len:
                self.report(f"{key}.{lang}", f"is {len(text):,} characters long (at most {max_len:,})")
                return None
        return Text(value["zh"].strip(), value["en"].strip())

    def texts(self, key: str, required: bool = True) -> tuple[Text, ...]:
        """A non-empty list of localized texts."""
        value = self._get(key, required)
        if value is _MISSING:
            return ()
        if not isinstance(value, list) or not value:
            self.report(key, "must be a non-empty list of {zh, en} tables")
            return ()
        out = [self._text(entry, f"{key}[{i}]") for i, entry in enumerate(value)]
        return tuple(t for t in out if t is not None)

    def day(self, key: str) -> date:
        """A TOML date (YYYY-MM-DD without quotes)."""
        value = self._get(key, True)
        if value is _MISSING:
            return date.min
        if not isinstance(value, date) or hasattr(value, "hour"):
            self.report(key, "must be a date like 2024-05-01 (no quotes)")
            return date.min
        return value

    def hours(self, key: str, required: bool = True,
              default: WeeklyHours | None = None) -> WeeklyHours | None:
        """Weekly hours such as "Mon-Fri 09:00-17:00; Sat 09:00-12:00" or "24h"."""
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if not isinstance(value, str):
            self.report(key, "must be a string like \"Mon-Fri 09:00-17:00\"")
            return default
        try:
            return WeeklyHours.parse(value)
        except HoursError as exc:
            self.report(key, str(exc))
            return default

    def table(self, key: str, required: bool = True) -> "Reader | None":
        """A sub-table as its own Reader (sharing the problem list)."""
        value = self._get(key, required)
        if value is _MISSING:
            return None
        return Reader(self.file, value, self.sub(key), self.problems)

    def tables(self, key: str, required: bool = True) -> list["Reader"]:
        """An array of tables ([[key]]), each as a Reader with an indexed path."""
        value = self._get(key, required)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or (required and not value):
            self.report(key, "must be a non-empty array of tables")
            return []
        return [Reader(self.file, entry, f"{self.sub(key)}[{i}]", self.problems)
                for i, entry in enumerate(value)]

    def finish(self) -> None:
        """Report every key that no reader asked for (typos, unsupported fields)."""
        for key in sorted(set(self.data) - self.used):
            self.report(key, "unknown field")
