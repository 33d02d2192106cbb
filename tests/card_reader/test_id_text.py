"""The 256-byte UTF-16-LE text block: layout, validation, and property tests."""
import pytest
from hypothesis import given, settings, strategies as st

from drivers.card_reader.id_text import (TEXT_BLOCK_LEN, decode_address, encode_text_block,
                                         parse_text_block, split_text_block)
from drivers.card_reader.sam_errors import IdDataError, SamError
from drivers.card_reader.sim.sam.script import DEFAULT_PEOPLE, complete_person

PERSON = complete_person(DEFAULT_PEOPLE[1])  # 李四, 维吾尔, 长期, appended address


def test_layout_offsets_match_the_card():
    block = encode_text_block(PERSON)
    assert len(block) == TEXT_BLOCK_LEN
    assert block[0:4] == "李四".encode("utf-16-le")
    assert block[30:32] == b"2\x00"                                # sex at byte 30
    assert block[32:36] == "05".encode("utf-16-le")                 # nation at 32
    assert block[36:52] == b"1\x009\x009\x002\x000\x002\x002\x009\x00"   # birth at 36
    assert block[122:158] == PERSON["id_number"].encode("utf-16-le")  # ID number at 122
    assert block[204:220] == "长期      ".encode("utf-16-le")        # valid-to at 220-16


def test_parse_good_block():
    rec = parse_text_block(encode_text_block(PERSON), b"\x01" * 1024, "新址")
    assert (rec.name, rec.sex, rec.nation) == ("李四", "女", "维吾尔")
    assert rec.birth_date == "1992-02-29"
    assert rec.valid_from == "2010-03-15" and rec.valid_to == "长期"
    assert rec.id_number == PERSON["id_number"]
    assert rec.extra["photo"] == b"\x01" * 1024 and rec.extra["appended_address"] == "新址"
    assert "李四" not in repr(rec) and PERSON["id_number"] not in repr(rec)


@pytest.mark.parametrize("sex, name", [("0", "未知"), ("1", "男"), ("2", "女"), ("9", "未说明")])
def test_sex_codes(sex, name):
    assert parse_text_block(encode_text_block({**PERSON, "sex": sex})).sex == name


@pytest.mark.parametrize("change", [
    {"sex": "3"}, {"nation": "77"}, {"birth": "19920230"}, {"name": ""},
    {"id_number": PERSON["id_number"][:17] + "0" if PERSON["id_number"][17] != "0" else "1"},
])
def test_invalid_fields_raise_id_data_error(change):
    with pytest.raises(IdDataError):
        parse_text_block(encode_text_block({**PERSON, **change}))


@pytest.mark.parametrize("change,finding", [
    ({"birth": "19920228"}, "birth_date_mismatch_id_number"),
    ({"valid_to": "20100101"}, "valid_from_after_valid_to"),
    ({"valid_from": "19900101"}, "valid_from_before_birth"),
])
def test_disagreeing_dates_are_kept_and_marked(change, finding):
    # issue 15.6: decodable but implausible data is a finding for the flow, not a lost read
    rec = parse_text_block(encode_text_block({**PERSON, **change}))
    assert finding in rec.plausibility and rec.name == "李四"


def test_good_block_has_no_findings():
    assert parse_text_block(encode_text_block(PERSON)).plausibility == ()


def test_wrong_length_and_bad_utf16():
    with pytest.raises(IdDataError):
        split_text_block(b"\x00" * 255)
    with pytest.raises(IdDataError):
        split_text_block(b"\x00\xd8" + b"A\x00" * 127)  # lone high surrogate in the name
    with pytest.raises(IdDataError):
        decode_address(b"abc")


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=0, max_size=300))
def test_random_bytes_only_raise_documented_errors(data):
    try:
        parse_text_block(data)
    except SamError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, TEXT_BLOCK_LEN - 1), st.integers(0, 255)), max_size=8))
def test_mutated_blocks_only_raise_documented_errors(mutations):
    block = bytearray(encode_text_block(PERSON))
    for pos, value in mutations:
        block[pos] = value
    try:
        rec = parse_text_block(bytes(block))
    except SamError as exc:
        assert exc.code == "id_data_invalid"
    else:  # anything accepted still satisfies every rule
        assert rec.sex in ("男", "女", "未知", "未说明") and len(rec.id_number) == 18
