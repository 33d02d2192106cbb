"""Date and division pickers: only real, in-range dates; province -> city -> county with back."""
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from kiosk.input.pickers import DatePicker, DivisionPicker


@settings(deadline=None, max_examples=200)
@given(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.integers(0, 3000))
def test_the_wheels_offer_exactly_the_dates_in_range(earliest, span):
    latest = date.fromordinal(min(earliest.toordinal() + span, date(2100, 12, 31).toordinal()))
    picker = DatePicker(earliest, latest)
    offered = [date(y, m, d) for y in picker.years() for m in picker.months(y) for d in picker.days(y, m)]
    assert len(offered) == (latest - earliest).days + 1
    assert min(offered) == earliest and max(offered) == latest


def test_leap_days_and_out_of_range_picks():
    picker = DatePicker(date(2023, 1, 1), date(2024, 12, 31))
    assert picker.days(2024, 2)[-1] == 29 and picker.days(2023, 2)[-1] == 28
    assert picker.pick(2024, 2, 29) == "2024-02-29"
    with pytest.raises(ValueError):
        picker.pick(2023, 2, 29)


def test_division_picker_walks_down_and_back():
    picker = DivisionPicker()
    assert len(picker.options()) == 34
    assert not picker.pick("130000")
    assert picker.pick("130100") is False
    assert picker.pick("130102") is True
    assert (picker.code, picker.text) == ("130102", "河北省石家庄市长安区")
    picker.back()
    assert picker.code == "130100" and not picker.done
    with pytest.raises(ValueError):
        picker.pick("110105")  # a Beijing district is not under 石家庄市


def test_municipalities_skip_the_city_level_and_pickers_can_stop_early():
    picker = DivisionPicker()
    picker.pick("110000")
    assert picker.pick("110105") and picker.text == "北京市朝阳区"
    city = DivisionPicker(stops_at="city")
    city.pick("440000")
    assert city.pick("440300") and city.text == "广东省深圳市"
