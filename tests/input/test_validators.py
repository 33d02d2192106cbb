"""Validators: property tests (hypothesis) for ID numbers, phones and dates, plus specific message keys."""
import re
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings, strategies as st
from stdnum.cn import ric

from kiosk.i18n import load_strings, t
from kiosk.input import validators as v
from kiosk.input.divisions import divisions

TODAY = date(2026, 11, 28)
COUNTIES = sorted(d.code for d in (divisions().get(c) for c in divisions()._by_code) if d.level == "county")
SETTINGS = settings(deadline=None, max_examples=1000)  # a loaded CI machine must not make it flaky


def make_id(region: str, born: date, seq: int) -> str:
    body = f"{region}{born:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


ids = st.builds(make_id, st.sampled_from(COUNTIES),
                st.dates(min_value=date(1900, 1, 1), max_value=TODAY), st.integers(0, 999))


def key(result):
    return result[1].key if result[1] else None


@SETTINGS
@given(ids)
def test_every_well_formed_id_number_is_accepted(number):
    value, error = v.check_id_number(number.lower(), TODAY)
    assert error is None and value == number


@settings(deadline=None, max_examples=500)
@given(ids, st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_typo_is_caught(number, pos, delta):
    typo = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1:]
    assert v.check_id_number(typo, TODAY)[1] is not None


@settings(deadline=None, max_examples=500)
@given(ids, st.integers(0, 15))
def test_swapping_two_neighbouring_digits_is_caught(number, pos):
    if number[pos] == number[pos + 1]:
        return
    swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2:]
    assert v.check_id_number(swapped, TODAY)[1] is not None


@settings(deadline=None, max_examples=300)
@given(ids, st.sampled_from("0123456789X"))
def test_a_wrong_check_character_says_so(number, last):
    if last == number[-1]:
        return
    assert key(v.check_id_number(number[:-1] + last, TODAY)) == "input.error.id.check_digit"


@settings(deadline=None, max_examples=200)
@given(st.text("0123456789", min_size=1, max_size=25).filter(lambda s: len(s) != 18))
def test_wrong_length_reports_the_count(number):
    value, error = v.check_id_number(number, TODAY)
    assert error.key == "input.error.id.length" and error.param("count") == len(number)
    assert value == number  # the typed text is handed back untouched


def test_specific_id_messages():
    good = make_id("110105", date(1990, 3, 7), 123)
    assert key(v.check_id_number(good[:10] + "1332" + good[14:], TODAY)) == "input.error.id.birth_date_invalid"
    future = make_id("110105", TODAY + timedelta(days=1), 1)
    assert key(v.check_id_number(future, TODAY)) == "input.error.id.birth_date_implausible"
    assert key(v.check_id_number(make_id("990105", date(1990, 1, 1), 1), TODAY)) == "input.error.id.region_unknown"
    assert key(v.check_id_number("11010519900307A23X", TODAY)) == "input.error.id.characters"
    # A retired county code is fine for someone born while it existed (崇文区 until 2010).
    assert v.check_id_number(make_id("110103", date(1975, 6, 1), 5), TODAY)[1] is None


mobiles = st.builds(lambda second, rest: f"1{second}{rest}", st.sampled_from("3456789"),
                    st.text("0123456789", min_size=9, max_size=9))


@settings(deadline=None, max_examples=300)
@given(mobiles, st.sampled_from(["{}", "+86{}", "{0[0]}{0[1]}{0[2]} {0[3]}{0[4]}{0[5]}{0[6]} {0[7]}{0[8]}{0[9]}{0[10]}"]))
def test_mobile_numbers_with_common_spellings(number, form):
    assert v.check_phone(form.format(number)) == (number, None)


@settings(deadline=None, max_examples=200)
@given(st.sampled_from("012"), st.text("0123456789", min_size=9, max_size=9))
def test_mobile_prefix_1_0_to_1_2_is_rejected(second, rest):
    assert key(v.check_phone(f"1{second}{rest}")) == "input.error.phone.mobile_prefix"


def test_landlines_and_phone_messages():
    assert v.check_phone("010-12345678") == ("010-12345678", None)
    assert v.check_phone("021 1234 5678") == ("021-12345678", None)
    assert v.check_phone("07551234567") == ("0755-1234567", None)
    assert key(v.check_phone("62345678")) == "input.error.phone.area_code"
    assert key(v.check_phone("010-1234567")) == "input.error.phone.landline_length"
    assert key(v.check_phone("138-1234-567a")) == "input.error.phone.characters"
    assert key(v.check_phone("1381234567")) == "input.error.phone.mobile_length"
    assert key(v.check_phone("010-12345678", mobile_only=True)) == "input.error.phone.mobile_only"


@settings(deadline=None, max_examples=300)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(["{:%Y-%m-%d}", "{:%Y%m%d}", "{0.year}/{0.month}/{0.day}", "{0.year}年{0.month}月{0.day}日"]))
def test_real_dates_in_every_accepted_form(day, form):
    assert v.check_date(form.format(day)) == (day.isoformat(), None)


@settings(deadline=None, max_examples=200)
@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(29, 31))
def test_days_past_the_end_of_the_month_are_not_real(year, month, day):
    try:
        date(year, month, day)
        return
    except ValueError:
        pass
    assert key(v.check_date(f"{year}-{month:02d}-{day:02d}")) == "input.error.date.not_real"


def test_date_messages_and_ranges():
    assert key(v.check_date("01.05.2024")) == "input.error.date.format"
    assert key(v.check_date("2024-13-01")) == "input.error.date.not_real"
    early = v.check_date("2019-12-31", earliest=date(2020, 1, 1))
    assert early[1].key == "input.error.date.too_early" and early[1].param("earliest") == "2020-01-01"
    assert key(v.check_date("2030-01-01", latest=TODAY)) == "input.error.date.too_late"


def test_lengths_names_choices_numbers_codes():
    assert key(v.check_length("ab", 5)) == "input.error.too_short"
    assert v.check_length("x" * 11, 0, 10)[1].param("max") == 10
    assert v.check_name(" 阿依古丽•买买提 ") == ("阿依古丽·买买提", None)
    assert key(v.check_name("张3")) == "input.error.name.characters"
    assert key(v.check_name("张")) == "input.error.too_short"
    assert key(v.check_choice("男性", ("男", "女"))) == "input.error.choice"
    assert key(v.check_number("12a")) == "input.error.number.format"
    assert key(v.check_number("-1")) == "input.error.number.format"
    assert v.check_credit_code("91110000802100433b") == ("91110000802100433B", None)
    assert key(v.check_credit_code("91110000802100433C")) == "input.error.credit_code.invalid"
    assert key(v.check_bank_account("6222 0202 000")) == "input.error.bank_account.length"


def test_every_message_key_is_translated_in_zh_and_en():
    table = load_strings()
    src = Path(v.__file__).read_text(encoding="utf-8")
    keys = {"input.error." + k for k in re.findall(r'_err\(raw, "([a-z_.]+)"', src)}
    keys |= {"input.error.required"}
    assert len(keys) > 25
    for k in keys:
        assert set(table[k]) >= {"zh", "en"}, k
    msg = v.check_id_number("123", TODAY)[1]
    assert t(msg.key, "en", **dict(msg.params)) == "An ID number has 18 characters; you typed 3."
    assert "3位" in t(msg.key, "zh", **dict(msg.params))
