"""Weekly opening hours: parse "Mon-Fri 09:00-17:00; Sat 09:00-12:00" or "24h", ask open/next open."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.catalog.text import Text

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_DAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_DAY_MINUTES = 24 * 60

Interval = tuple[int, int]  # minutes since midnight, end exclusive


class HoursError(ValueError):
    """A weekly-hours string could not be parsed."""


def _minutes(text: str, allow_24: bool) -> int:
    match = _TIME.match(text.strip())
    if not match:
        raise HoursError(f"bad time {text.strip()!r} (use HH:MM)")
    hour, minute = int(match.group(1)), int(match.group(2))
    if minute > 59 or hour > 24 or (hour == 24 and (minute or not allow_24)):
        raise HoursError(f"bad time {text.strip()!r}")
    return hour * 60 + minute


def _day_index(name: str) -> int:
    key = name.strip().lower()[:3]
    if key not in DAYS:
        raise HoursError(f"unknown day {name.strip()!r} (use Mon..Sun)")
    return DAYS.index(key)


def _days(spec: str) -> list[int]:
    days: list[int] = []
    for part in spec.split(","):
        if "-" in part:
            first, last = (_day_index(p) for p in part.split("-", 1))
            span = (last - first) % 7
            days.extend((first + i) % 7 for i in range(span + 1))
        else:
            days.append(_day_index(part))
    return days


def _merge(intervals: list[Interval]) -> tuple[Interval, ...]:
    out: list[Interval] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


@dataclass(frozen=True)
class WeeklyHours:
    """Opening intervals for each weekday (Monday first), in minutes since midnight."""

    week: tuple[tuple[Interval, ...], ...]
    source: str = ""

    @classmethod
    def parse(cls, text: str) -> "WeeklyHours":
        """Parse "24h", "closed" or "; "-separated clauses "<days> HH:MM-HH:MM[,HH:MM-HH:MM]"."""
        if not isinstance(text, str) or not text.strip():
            raise HoursError("empty hours")
        spec = text.strip()
        if spec.lower() in ("24h", "24/7"):
            return cls(tuple(((0, _DAY_MINUTES),) for _ in DAYS), spec)
        if spec.lower() == "closed":
            return cls(tuple(() for _ in DAYS), spec)
        per_day: list[list[Interval]] = [[] for _ in DAYS]
        for clause in filter(None, (c.strip() for c in spec.split(";"))):
            pieces = clause.split(None, 1)
            if len(pieces) != 2:
                raise HoursError(f"clause {clause!r} needs days and times")
            days = _days(pieces[0])
            for span in pieces[1].split(","):
                if span.count("-") != 1:
                    raise HoursError(f"bad time range {span.strip()!r} (use HH:MM-HH:MM)")
                start_s, end_s = span.split("-")
                start, end = _minutes(start_s, False), _minutes(end_s, True)
                if start == end:
                    raise HoursError(f"empty time range {span.strip()!r}")
                for day in days:
                    if end > start:
                        per_day[day].append((start, end))
                    else:  # overnight: the tail belongs to the next day
                        per_day[day].append((start, _DAY_MINUTES))
                        if end:
                            per_day[(day + 1) % 7].append((0, end))
        return cls(tuple(_merge(d) for d in per_day), spec)

    @property
    def always(self) -> bool:
        """True when open around the clock every day."""
        return all(d == ((0, _DAY_MINUTES),) for d in self.week)

    def is_open(self, when: datetime) -> bool:
        """True when open at the given local time."""
        minute = when.hour * 60 + when.minute
        return any(s <= minute < e for s, e in self.week[when.weekday()])

    def next_open(self, when: datetime) -> datetime | None:
        """The first moment at or after `when` that is open; None when never open."""
        if self.is_open(when):
            return when
        base = when.replace(hour=0, minute=0, second=0, microsecond=0)
        minute_now = when.hour * 60 + when.minute
        for offset in range(8):
            day = (when.weekday() + offset) % 7
            for start, _end in self.week[day]:
                if offset == 0 and start <= minute_now:
                    continue
                return base + timedelta(days=offset, minutes=start)
        return None

    def describe(self) -> Text:
        """A short human description in both languages, e.g. 周一至周五 09:00-17:00."""
        if self.always:
            return Text("全天24小时", "24 hours, every day")
        groups: list[tuple[int, int, tuple[Interval, ...]]] = []
        for day, intervals in enumerate(self.week):
            if groups and groups[-1][2] == intervals and groups[-1][1] == day - 1:
                groups[-1] = (groups[-1][0], day, intervals)
            else:
                groups.append((day, day, intervals))
        zh, en = [], []
        for first, last, intervals in groups:
            if not intervals:
                continue
            times = ",".join(f"{_hhmm(s)}-{_hhmm(e)}" for s, e in intervals)
            if first == last:
                zh.append(f"{_DAY_ZH[first]} {times}")
                en.append(f"{_DAY_EN[first]} {times}")
            else:
                zh.append(f"{_DAY_ZH[first]}至{_DAY_ZH[last]} {times}")
                en.append(f"{_DAY_EN[first]}-{_DAY_EN[last]} {times}")
        if not zh:
            return Text("暂停服务", "closed")
        return Text("；".join(zh), "; ".join(en))


@dataclass(frozen=True)
class OpeningStatus:
    """Is it open now, and if not, when does it open next (None: not on any day)."""

    open_now: bool
    next_open: datetime | None
    hours: Text
    always: bool


def opening_status(hours: WeeklyHours, now: datetime) -> OpeningStatus:
    """What the attract screen needs to say about the branch's hours at `now`."""
    is_open = hours.is_open(now)
    return OpeningStatus(is_open, None if is_open else hours.next_open(now), hours.describe(),
                         hours.always)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
