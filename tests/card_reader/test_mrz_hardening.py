"""MRZ parser hardening: malformed TD1 zones and impossible dates give clear MrzErrors (issue 15.3)."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.card_reader.mrtd.errors import MrzError
from drivers.card_reader.mrtd.mrz import bac_information_from, check_digit, parse_mrz

CASES = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MRZ_CHARS = st.sampled_from("<<<<<<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
TODAY = dt.date(2026, 11, 28)


def line2(birth="900101", expiry="350101", doc="EZ0000014"):
    """A passport line 2 whose check digits are right (the dates need not be real dates)."""
    personal = "<" * 14
    head = (doc + check_digit(doc) + "CHN" + birth + check_digit(birth) + "M" + expiry
            + check_digit(expiry) + personal + check_digit(personal))
    return head + check_digit(head[0:10] + head[13:20] + head[21:43])


def test_td1_with_missing_long_number_continuation_is_a_clear_error():
    # '<' as the number's check digit says "continues in the optional data", which starts with '<'
    l1 = "I<UTOD23145890<<X" + "<" * 13
    l2 = "7408122F1204159UTO<<<<<<<<<<<6"
    l3 = "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    with pytest.raises(MrzError) as err:
        parse_mrz("\n".join((l1, l2, l3)))
    assert "continuation" in err.value.message


def test_three_lines_of_the_wrong_length_say_what_was_expected():
    with pytest.raises(MrzError) as err:
        bac_information_from("I<UTOD23145890\n7408122F\nERIKSSON")
    assert "3 line(s)" in err.value.message and "TD1 is 3 x 30" in err.value.message


@pytest.mark.parametrize("birth,words", [("991399", "month 13"), ("990230", "day 30"),
                                         ("990000", "month 00")])
def test_line2_impossible_birth_date_rejected(birth, words):
    with pytest.raises(MrzError) as err:
        bac_information_from(line2(birth=birth))
    assert "birth date" in err.value.message and words in err.value.message


def test_line2_impossible_expiry_date_rejected():
    with pytest.raises(MrzError) as err:
        bac_information_from(line2(expiry="351232"))
    assert "expiry date" in err.value.message and "day 32" in err.value.message


def test_good_line2_still_accepted():
    assert bac_information_from(line2()).startswith("EZ0000014")


@CASES
@given(st.lists(st.text(MRZ_CHARS, min_size=30, max_size=30), min_size=3, max_size=3))
def test_any_three_line_zone_parses_or_raises_mrz_error(lines):
    try:
        data = parse_mrz("\n".join(lines), today=TODAY)
    except MrzError as exc:
        assert exc.code == "mrz_invalid"
    else:
        dt.date.fromisoformat(data.birth_date)
        dt.date.fromisoformat(data.expiry_date)


@CASES
@given(st.text(MRZ_CHARS, min_size=44, max_size=44), st.integers(0, 43), st.integers(0, 9))
def test_any_line2_gives_bac_information_or_mrz_error(line, pos, digit):
    line = line[:pos] + str(digit) + line[pos + 1:]
    try:
        info = bac_information_from(line)
    except MrzError as exc:
        assert exc.code == "mrz_invalid"
    else:
        assert len(info) == 24
        for start in (10, 17):  # the dates that seeded the keys are real dates
            mm, dd = int(info[start + 2:start + 4]), int(info[start + 4:start + 6])
            assert 1 <= mm <= 12 and 1 <= dd <= 31


@CASES
@given(st.text(max_size=200))
def test_any_text_gives_mrz_error_never_another_exception(text):
    try:
        bac_information_from(text)
    except MrzError:
        pass
