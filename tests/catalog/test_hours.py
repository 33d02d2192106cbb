"""WeeklyHours: parsing, open/closed and the next opening time."""
from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.catalog import HoursError, WeeklyHours

MON = datetime(2024, 6, 3)  # a Monday


def at(day_offset: int, hh: int, mm: int = 0) -> datetime:
    return MON.replace(day=MON.day + day_offset, hour=hh, minute=mm)


def test_weekday_and_saturday_clauses():
    hours = WeeklyHours.parse("Mon-Fri 09:00-12:00,13:30-17:00; Sat 09:00-12:00")
    assert hours.is_open(at(0, 9)) and hours.is_open(at(4, 16, 59))
    assert not hours.is_open(at(0, 12, 30)) and not hours.is_open(at(0, 17))
    assert hours.is_open(at(5, 11, 59)) and not hours.is_open(at(5, 12))
    assert not hours.is_open(at(6, 10))


def test_next_open_skips_lunch_evening_and_weekend():
    hours = WeeklyHours.parse("Mon-Fri 09:00-12:00,13:30-17:00")
    assert hours.next_open(at(0, 12, 15)) == at(0, 13, 30)
    assert hours.next_open(at(0, 10)) == at(0, 10)
    assert hours.next_open(at(4, 18)) == MON.replace(day=10, hour=9)  # Friday evening -> Monday


def test_24h_closed_and_overnight():
    assert WeeklyHours.parse("24h").always and WeeklyHours.parse("24h").is_open(at(6, 3))
    closed = WeeklyHours.parse("closed")
    assert not closed.is_open(at(0, 10)) and closed.next_open(at(0, 10)) is None
    night = WeeklyHours.parse("Fri 22:00-06:00")
    assert night.is_open(at(4, 23)) and night.is_open(at(5, 5, 59)) and not night.is_open(at(5, 6))


def test_day_lists_wraparound_and_describe():
    hours = WeeklyHours.parse("Sat-Sun 10:00-16:00; Wed 08:00-09:00")
    assert hours.is_open(at(6, 10)) and hours.is_open(at(2, 8, 30)) and not hours.is_open(at(0, 10))
    desc = WeeklyHours.parse("Mon-Fri 09:00-17:00").describe()
    assert desc.zh == "周一至周五 09:00-17:00" and desc.en == "Mon-Fri 09:00-17:00"


@pytest.mark.parametrize("bad", ["", "Mon-Fri", "Mon-Fri 9-17", "Xyz 09:00-10:00",
                                 "Mon 09:00-25:00", "Mon 10:00-10:00", "Mon 09:60-10:00"])
def test_bad_strings_raise_hours_error(bad):
    with pytest.raises(HoursError):
        WeeklyHours.parse(bad)
