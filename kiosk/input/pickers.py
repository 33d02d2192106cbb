"""Picker state for screens: a date picker bounded by a field's range, and a division picker."""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from kiosk.input.divisions import Division, Divisions, divisions


@dataclass(frozen=True)
class DatePicker:
    """Year, month and day wheels limited to [earliest, latest]; only real dates can be picked."""

    earliest: date
    latest: date

    def years(self) -> list[int]:
        """Selectable years, latest first (most residents pick recent dates)."""
        return list(range(self.latest.year, self.earliest.year - 1, -1))

    def months(self, year: int) -> list[int]:
        """Selectable months of a year."""
        lo = self.earliest.month if year == self.earliest.year else 1
        hi = self.latest.month if year == self.latest.year else 12
        return list(range(lo, hi + 1))

    def days(self, year: int, month: int) -> list[int]:
        """Selectable days of a month (28-31, cut by the range)."""
        last = calendar.monthrange(year, month)[1]
        lo = self.earliest.day if (year, month) == (self.earliest.year, self.earliest.month) else 1
        hi = min(last, self.latest.day) if (year, month) == (self.latest.year, self.latest.month) else last
        return list(range(lo, hi + 1))

    def pick(self, year: int, month: int, day: int) -> str:
        """The ISO text of a picked date (ValueError if it is outside the wheels)."""
        if year not in self.years() or month not in self.months(year) or day not in self.days(year, month):
            raise ValueError(f"{year}-{month}-{day} is not selectable")
        return date(year, month, day).isoformat()


@dataclass
class DivisionPicker:
    """Province -> city -> county, one level per screen, with back; done at a division without children."""

    index: Divisions = field(default_factory=divisions)
    stops_at: str = "county"  # or "city" / "province" for fields that need less detail
    path: list[Division] = field(default_factory=list)

    def options(self) -> list[Division]:
        """What the current level offers."""
        return self.index.children(self.path[-1].code if self.path else "")

    def pick(self, code: str) -> bool:
        """Pick one of the options; returns True when the choice is complete."""
        chosen = next((d for d in self.options() if d.code == code), None)
        if chosen is None:
            raise ValueError(f"{code} is not offered here")
        self.path.append(chosen)
        return self.done

    def back(self) -> None:
        """Undo the last pick."""
        if self.path:
            self.path.pop()

    @property
    def done(self) -> bool:
        """True when the stop level is reached or nothing lies below."""
        if not self.path:
            return False
        last = self.path[-1]
        return last.level == self.stops_at or not self.index.children(last.code)

    @property
    def code(self) -> str:
        """Six-digit code of the picked division ('' before the first pick)."""
        return self.path[-1].code if self.path else ""

    @property
    def text(self) -> str:
        """Names of the picked path joined ("北京市朝阳区")."""
        return "".join(d.name for d in self.path)
