"""The ladder's pieces without a platform: MRZ parts and their messages, e-ID code texts, the ways and levels."""
from __future__ import annotations

import datetime as dt
import time
from types import SimpleNamespace

import pytest

from drivers.card_reader.mrtd.mrz import bac_information_from, check_digit, mrz_information
from kiosk import codes
from kiosk.flow.apply.identity_eid import eid_token
from kiosk.flow.apply.identity_mrz import bac_line, check_all, check_part
from kiosk.flow.apply.identity_ways import (kiosk_level, next_way, refused_ways, required_assurance,
                                            usable_ways)

TODAY = dt.date(2026, 11, 29)


def with_digit(value: str, pad: bool = False) -> str:
    return value + check_digit(value.ljust(9, "<") if pad else value)


@pytest.mark.parametrize("field_id, text, key", [
    ("mrz_document", "", "apply.ident.mrz.required"),
    ("mrz_document", "E1234-5678", "apply.ident.mrz.mrz_document.characters"),
    ("mrz_document", "E123456789012", "apply.ident.mrz.mrz_document.length"),
    ("mrz_document", "E123456780", "apply.ident.mrz.check_digit"),
    ("mrz_birth", "79041", "apply.ident.mrz.mrz_birth.length"),
    ("mrz_birth", "79O4120", "apply.ident.mrz.mrz_birth.characters"),
    ("mrz_birth", "7902301", "apply.ident.mrz.date_invalid"),  # 30 February
    ("mrz_birth", "7904120", "apply.ident.mrz.check_digit"),
    ("mrz_expiry", with_digit("251231"), "apply.ident.mrz.expired"),
])
def test_each_wrong_mrz_part_has_its_own_message(field_id, text, key):
    if key == "apply.ident.mrz.check_digit" and field_id == "mrz_birth":
        assert check_digit("790412") != "0"  # the test's premise: 0 is the wrong digit
    assert check_part(field_id, text, TODAY).key == key


def test_right_parts_give_the_drivers_bac_keys():
    entries = {"mrz_document": " ab12 " + check_digit("AB12<<<<<"),  # short number, lower case
               "mrz_birth": with_digit("790412"), "mrz_expiry": with_digit("310101")}
    assert check_all(entries, TODAY) == {}
    line = bac_line(entries)
    assert len(line) == 44
    assert bac_information_from(line) == mrz_information("AB12", "790412", "310101")


def test_eid_texts(monkeypatch):
    monkeypatch.setattr("kiosk.codes.payloads._default_key", b"k" * 32)  # this kiosk's key
    now = int(time.time())
    assert eid_token("EID-SAMPLE-ZHANG-0001\n") == ("EID-SAMPLE-ZHANG-0001", None)
    token, why = eid_token(codes.build_eid("MFRGGZDFMZTWQ2LKNN", now - 5, now + 60))
    assert (token, why) == ("MFRGGZDFMZTWQ2LKNN", None)
    assert eid_token(codes.build_eid("MFRGGZDFMZTWQ2LKNN", now - 600, now - 300))[1].key == \
        "codes.error.expired"
    assert eid_token(codes.build_pickup("PK20240042", now + 60))[1].key == "apply.ident.eid.not_eid"
    assert eid_token("hello")[1].key == "apply.ident.eid.not_eid"


def item(assurance: str = "", ways=None, originals: int = 1):
    return SimpleNamespace(assurance=assurance, identity_ways=ways,
                           materials=(SimpleNamespace(id="id_card", originals=originals),))


def test_ways_follow_the_catalog_and_the_assurance():
    assert required_assurance(item()) == "high" and required_assurance(item(originals=0)) == "low"
    assert usable_ways(item()) == ("id_card", "eid_qr")
    assert refused_ways(item()) == ("passport", "typed")
    assert usable_ways(item("medium")) == ("id_card", "passport", "eid_qr")
    low = item("low", ("eid_qr", "typed", "id_card"))
    assert usable_ways(low) == ("eid_qr", "typed", "id_card") and refused_ways(low) == ()
    assert usable_ways(low, lambda w: w != "eid_qr") == ("typed", "id_card")
    ways = usable_ways(item("low"))
    assert next_way(ways, "id_card") == "passport"
    assert next_way(ways, "passport", frozenset({"eid_qr"})) == "typed"
    assert next_way(ways, "typed") is None
    assert [kiosk_level(a) for a in ("high", "substantial", "low", "???")] == \
        ["high", "medium", "low", "low"]


def test_ocr_text_with_miscounted_fillers_and_letter_digits_still_checks_out():
    from kiosk.flow.apply.identity_mrz_ocr import mrz_parts_in
    line2 = "E123456782GBR7904129M3101012<<<<<<<<<<<<<<06"
    ocr = "PASSPORTUK\nP<GBRSMITH<<JOHN<<<<<<<<\n" + line2.replace("<<<<<<<<<<<<<<", "<<<<<<<<<<<<")
    assert mrz_parts_in(ocr) == {"mrz_document": "E123456782", "mrz_birth": "7904129",
                                 "mrz_expiry": "3101012"}
    assert mrz_parts_in(ocr.replace("7904129", "79O4I29")) is not None  # O/I read for 0/1: fixed
    assert mrz_parts_in(ocr.replace("7904129", "7904128")) is None  # a wrong check digit: nothing


def test_tesseract_reads_the_bac_parts_from_a_page_image():
    from kiosk.flow.apply.identity_mrz_ocr import available, read_mrz_parts
    from tests.flow.apply.mrz_images import photo_page, td3_lines
    assert available()  # .ci/bootstrap.sh installs tesseract-ocr and tesseract-ocr-eng
    lines = td3_lines("SMITH", "JOHN", "E12345678", "GBR", "790412", "M", "310101")
    parts = read_mrz_parts(photo_page(lines, noise=12))
    assert parts == {"mrz_document": lines[1][:10], "mrz_birth": lines[1][13:20],
                     "mrz_expiry": lines[1][21:28]}
    assert read_mrz_parts(photo_page(("P<GBR".ljust(44, "<"), "<" * 44))) is None
