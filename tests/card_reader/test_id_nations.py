"""GB 3304 nation-code table."""
import pytest

from drivers.card_reader.nations import NATIONS, nation_code, nation_name
from drivers.card_reader.sam_errors import IdDataError


def test_table_has_56_nations_plus_two_special_codes():
    assert len(NATIONS) == 58
    assert [f"{i:02d}" for i in range(1, 57)] == sorted(NATIONS)[:56]
    assert NATIONS["97"] == "其他" and NATIONS["98"] == "外国血统中国籍人士"
    assert len(set(NATIONS.values())) == 58


@pytest.mark.parametrize("code, name", [
    ("01", "汉"), ("02", "蒙古"), ("05", "维吾尔"), ("10", "朝鲜"), ("15", "土家"),
    ("29", "柯尔克孜"), ("30", "土"), ("43", "乌孜别克"), ("55", "珞巴"), ("56", "基诺"),
])
def test_known_codes(code, name):
    assert nation_name(code) == name
    assert nation_code(name) == code


@pytest.mark.parametrize("code", ["00", "57", "96", "99", "1", "", "汉"])
def test_unknown_codes_raise(code):
    with pytest.raises(IdDataError):
        nation_name(code)
