"""Time helpers: UTC ISO timestamps and working-day arithmetic for promised dates."""
from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    """The current UTC time, to the second."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def iso(t: dt.datetime) -> str:
    """UTC ISO 8601 with a Z suffix."""
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> dt.datetime:
    """Parse a timestamp written by iso()."""
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


def add_working_days(day: dt.date, n: int) -> dt.date:
    """day plus n working days (Mon-Fri); n = 0 is the same day."""
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day
