"""FormDraft (nothing lost, origins, editability), field specs from the real catalog, keypad layouts."""
from datetime import date
from pathlib import Path

import pytest

from kiosk.catalog.loader import load_libraries
from kiosk.i18n import load_strings
from kiosk.input.draft import FormDraft
from kiosk.input.fields import spec_for
from kiosk.input.keypads import LAYOUTS, keypad_for

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 28)
GOOD_ID = "11010519491231002X"


@pytest.fixture(scope="module")
def specs():
    problems = []
    libs = load_libraries(ROOT / "config" / "services", problems)
    assert not problems
    return {f.id: spec_for(f, TODAY) for f in libs.fields.values()}


def newborn(specs):
    ids = ["applicant_name", "applicant_id_number", "mobile_phone", "child_name", "child_birth_date",
           "child_sex", "mailing_address"]
    return [specs[i] for i in ids]


def test_specs_pick_validators_and_keypads_from_the_catalog(specs):
    assert specs["applicant_id_number"].keypad == "id_number"
    assert specs["mobile_phone"].mobile_only and specs["mobile_phone"].keypad == "phone"
    assert specs["child_name"].kind == "name" and keypad_for(specs["child_name"].keypad).candidate_bar
    assert specs["child_sex"].choices == ("男", "女")
    assert specs["child_birth_date"].latest == TODAY  # a baby cannot be born tomorrow
    assert specs["child_birth_date"].check("2026-11-29", TODAY)[1].key == "input.error.date.too_late"
    assert specs["mailing_address"].required is False
    wheels = specs["child_birth_date"].date_picker(TODAY)
    assert wheels.years()[0] == 2026 and wheels.days(2026, 11)[-1] == 28
    assert specs["registered_capital"].check("50", TODAY) == ("50", None)
    assert specs["mobile_phone"].check("１３８－１２３４－５６７８", TODAY) == ("13812345678", None)  # full-width


def test_every_spec_has_a_keypad_that_can_type_a_valid_value(specs):
    samples = {"id_number": GOOD_ID, "phone": "010-12345678", "date": "2024-05-01", "numeric": "12345"}
    for spec in specs.values():
        pad = keypad_for(spec.keypad)
        assert pad.name == spec.keypad, spec.id
        if spec.keypad in samples:
            assert set(samples[spec.keypad]) <= pad.values(), spec.id


def test_action_keys_have_translated_labels():
    table = load_strings()
    for pad in LAYOUTS.values():
        for row in pad.rows:
            for k in row:
                if k.action == "switch":
                    assert f"keypad.switch.{k.value}" in table and k.value in LAYOUTS
                elif k.action != "insert":
                    assert f"keypad.{k.action}" in table


def test_prefilled_fields_carry_their_origin_and_document_ones_are_locked(specs):
    draft = FormDraft(newborn(specs), today=TODAY)
    draft.prefill("applicant_name", "张三", "document")
    draft.prefill("applicant_id_number", GOOD_ID, "document")
    draft.prefill("mailing_address", "北京市朝阳区建国路1号", "shared")
    assert draft.origins() == {"applicant_name": "document", "applicant_id_number": "document",
                               "mailing_address": "shared"}
    assert not draft.editable("applicant_id_number") and draft.editable("mailing_address")
    with pytest.raises(PermissionError, match="applicant_id_number"):
        draft.type("applicant_id_number", "110105194912310021")
    assert draft.text("applicant_id_number") == GOOD_ID
    assert draft.type("mailing_address", "北京市海淀区中关村大街1号") is None
    assert draft.origin("mailing_address") == "typed"


def test_the_guide_can_allow_correcting_a_document_field(specs):
    draft = FormDraft(newborn(specs), editable_fields=["applicant_name"], today=TODAY)
    draft.prefill("applicant_name", "张三", "document")
    assert draft.editable("applicant_name")
    assert draft.type("applicant_name", "张叁") is None and draft.origin("applicant_name") == "typed"


def test_invalid_typing_is_kept_with_its_message_and_not_submitted(specs):
    draft = FormDraft(newborn(specs), today=TODAY)
    error = draft.type("mobile_phone", "1381234567")
    assert error.key == "input.error.phone.mobile_length"
    assert draft.text("mobile_phone") == "1381234567"      # nothing lost
    assert "mobile_phone" not in draft.values()
    assert draft.errors()["mobile_phone"].key == "input.error.phone.mobile_length"


def test_going_back_and_changing_items_loses_nothing(specs):
    fields = newborn(specs)
    draft = FormDraft(fields, today=TODAY)
    draft.type("child_name", "张小明")
    draft.type("child_birth_date", "2026/11/1")
    draft.set_fields([specs["applicant_name"], specs["mobile_phone"]])   # resident drops an item
    assert draft.field_ids == ["applicant_name", "mobile_phone"]
    assert "child_name" not in draft.values()
    draft.set_fields(fields)                                              # ... and takes it back
    assert draft.text("child_name") == "张小明"
    assert draft.values()["child_birth_date"] == "2026-11-01"


def test_prefill_never_overwrites_what_the_resident_typed(specs):
    draft = FormDraft(newborn(specs), today=TODAY)
    draft.type("mailing_address", "北京市海淀区中关村大街1号")
    assert draft.prefill("mailing_address", "上海市浦东新区世纪大道1号", "shared") is False
    assert draft.text("mailing_address") == "北京市海淀区中关村大街1号"


def test_completeness_lists_what_is_left_to_type(specs):
    draft = FormDraft(newborn(specs), today=TODAY)
    draft.prefill("applicant_name", "张三", "document")
    draft.prefill("applicant_id_number", GOOD_ID, "document")
    assert draft.to_type() == ["mobile_phone", "child_name", "child_birth_date", "child_sex"]
    for fid, text in [("mobile_phone", "13812345678"), ("child_name", "张小明"),
                      ("child_birth_date", "2026-11-01"), ("child_sex", "男")]:
        assert draft.type(fid, text) is None
    assert draft.complete() and draft.to_type() == []
    assert draft.values()["applicant_id_number"] == GOOD_ID


def test_wipe_forgets_every_value_and_repr_shows_none(specs):
    draft = FormDraft(newborn(specs), today=TODAY)
    draft.prefill("applicant_name", "张三", "document")
    draft.type("mobile_phone", "13812345678")
    assert "张三" not in repr(draft) and "138" not in repr(draft)
    draft.wipe()
    assert draft.get("applicant_name") is None and draft.values() == {}
    assert set(draft.errors()) == {"applicant_name", "applicant_id_number", "mobile_phone",
                                   "child_name", "child_birth_date", "child_sex"}


def test_prefill_rejects_an_unknown_origin(specs):
    draft = FormDraft(newborn(specs), today=TODAY)
    with pytest.raises(ValueError, match="origin"):
        draft.prefill("applicant_name", "张三", "typed")


def test_a_kiosk_session_wipe_empties_the_draft_and_the_pinyin_engine(specs):
    from kiosk.input.googlepinyin import ENGINE
    from kiosk.input.pinyin import PinyinSession
    from kiosk.session import Session

    visit = Session()
    draft = FormDraft(newborn(specs), today=TODAY)
    draft.prefill("applicant_name", "张三", "document")
    typing = PinyinSession()
    typing.type("zhangsan")
    typing.choose(4)
    typing.choose(5)                     # the decoder learns this odd pair in its user dictionary
    typing.type("zhangsan")
    learned = set(typing.candidates(0).items[:4])
    visit.put("form", draft)
    visit.put("typing", typing)
    visit.wipe()
    assert draft.get("applicant_name") is None and typing.letters == ""
    ENGINE.search("zhangsan")
    assert learned - set(ENGINE.candidates(0, 4)), "what was learned must be gone after the wipe"
