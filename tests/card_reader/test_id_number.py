"""GB 11643 ID number checks: MOD 11-2 check character and embedded birth date."""
import pytest

from drivers.card_reader import gb11643
from drivers.card_reader.sam_errors import IdDataError


@pytest.mark.parametrize("body, check", [
    ("11010519491231002", "X"),   # the widely published GB 11643 example
    ("44052418800101001", "4"),
    ("11010119800101003", "7"),
])
def test_check_char_known_values(body, check):
    assert gb11643.check_char(body) == check
    assert gb11643.is_valid(body + check)


def test_lower_case_x_is_normalised():
    assert gb11643.validate("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize("bad", [
    "110105194912310021",    # wrong check character
    "11010519491231002",     # 17 characters
    "1101051949123100 2X",
    "110105194913310025",    # month 13 (check char recomputed below)
    "",
])
def test_invalid_numbers_raise_id_data_error(bad):
    if bad == "110105194913310025":
        bad = bad[:17] + gb11643.check_char(bad[:17])
    with pytest.raises(IdDataError) as ei:
        gb11643.validate(bad)
    assert ei.value.code == "id_data_invalid"
    assert not bad or bad not in ei.value.message  # never echoes the number


def test_every_single_digit_change_is_detected():
    good = "11010519491231002X"
    for i in range(17):
        for d in "0123456789":
            if d == good[i]:
                continue
            mutated = good[:i] + d + good[i + 1:]
            assert not gb11643.is_valid(mutated), mutated


def test_birth_and_sex_from_number():
    n = gb11643.make_id_number("650102", "19920229", "024")
    assert gb11643.birth_date_of(n).isoformat() == "1992-02-29"
    assert gb11643.sex_code_of(n) == "2"
    assert gb11643.sex_code_of(gb11643.make_id_number("650102", "19920229", "013")) == "1"


@pytest.mark.parametrize("value", ["20230229", "2023011", "abcdefgh", "20231301", "２０２３０１０１"])
def test_parse_date_rejects(value):
    with pytest.raises(IdDataError):
        gb11643.parse_date(value, "test date")
