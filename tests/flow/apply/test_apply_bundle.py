"""Applying for the newborn bundle (一件事): the items done here in one application, one form, one
list of materials, the one-time notice printed, the items done elsewhere said plainly; against the
real reference platform process and a real outbox."""
from __future__ import annotations

import sqlite3

import pytest

from drivers.card_reader.base import IdentityRecord
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.merge import merged_fields, merged_materials, subject_for
from kiosk.flow.apply.notice_step import PrintOneTimeNotice
from kiosk.flow.apply.pages import FORM, IDENTIFY, MATERIALS, REVIEW, SUBMITTED
from kiosk.flow.browse import intents as bi
from kiosk.flow.intents import Finish
from refplatform import seed
from tests.flow.apply.test_apply_journey import journey, strings_in, wait_for

pytestmark = pytest.mark.platform
LI = next(r for r in seed.RESIDENTS if r["key"] == "li")  # a mother: birth cert, hukou, marriage
ZHANG = next(r for r in seed.RESIDENTS if r["key"] == "zhang")  # no birth certificate
HERE = ("PSB-002", "MED-001", "HRSS-005")
BABY = {"child_name": "张小禾", "child_sex": "男", "child_birth_date": "2026-10-02",
        "child_birthplace": "示例市妇幼保健院", "father_name": "张伟民",
        "father_id_number": ZHANG["id"], "mother_name": LI["name"], "mother_id_number": LI["id"]}


def card(person) -> IdentityRecord:
    """The seeded person's ID card as the reader returns it."""
    return IdentityRecord("resident_id", person["name"], person["id"], sex=person["data"]["gender"],
                          birth_date=person["data"]["birth_date"])


def start_newborn(host, hub, person) -> None:
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenBundle("newborn"))
    avail = host.state.page.guide.availability
    assert avail.ok and avail.here_codes == HERE and avail.elsewhere_codes == ("HEALTH-001",)
    host.dispatch(ai.StartApply("newborn"))
    assert host.state.screen == IDENTIFY and host.state.page.state == "ready"
    hub.card_reader.insert()
    host.dispatch(ai.ReadIdCard())
    hub.card_reader.handles[-1].finish(card(person))
    assert host.state.screen == FORM, host.state.page
    hub.card_reader.remove()


def test_merged_form_and_materials_ask_each_thing_once(content):
    bundle = content.catalog.get_bundle("newborn")
    items = [i for i in bundle.items if i.code in HERE]
    fields = merged_fields(items)
    ids = [f.id for f in fields]
    assert len(ids) == len(set(ids)) < sum(len(i.fields) for i in items)
    assert {"child_name", "applicant_id_number", "mobile_phone", "mailing_address"} <= set(ids)
    materials = {m.id: m for m in merged_materials(items)}
    assert len(materials) < sum(len(i.materials) for i in items)
    assert materials["birth_medical_cert"].required  # PSB-002 requires it, the others do not
    assert not materials["authorization_letter"].required and materials["marriage_cert"].commitment
    subject = subject_for(content.catalog, "newborn", HERE, ("HEALTH-001",))
    assert subject.item_codes == HERE and [i.code for i in subject.elsewhere] == ["HEALTH-001"]
    assert subject.promised_limit_days == 10 and subject.bundle == "newborn"
    single = subject_for(content.catalog, "HRSS-001")
    assert single.bundle is None and single.fields == content.catalog.get("HRSS-001").fields


def test_newborn_bundle_end_to_end_is_one_application(host, hub, services, platform, caplog):
    start_newborn(host, hub, LI)
    case = journey(host).case
    assert case.code == "newborn" and case.item_codes == HERE
    rows = {r.id: r for r in host.state.page.fields}
    assert rows["applicant_id_number"].origin == "document" and rows["applicant_id_number"].locked
    assert rows["mobile_phone"].origin == "shared"
    assert rows["mother_id_number"].origin == "document"  # the card holder is the mother
    assert rows["child_name"].origin == "shared" and rows["child_name"].text == "张小禾"
    assert rows["child_sex"].text == "男"  # the shared data says 子 (son)
    assert rows["father_name"].origin is None  # typed
    assert len(rows) == len(merged_fields(journey(host).subject(case).items))  # each field once
    for field_id, text in BABY.items():
        host.dispatch(ai.TypeField(field_id, text))
    host.dispatch(ai.FormDone())
    assert host.state.screen == MATERIALS, [(r.id, r.error) for r in host.state.page.fields if r.error]
    chosen = {r.code: r.chosen for r in host.state.page.materials}
    assert chosen["birth_medical_cert"] == chosen["hukou_book"] == "certificate"
    assert len(chosen) == len(set(chosen))
    host.dispatch(ai.MaterialsDone())
    assert host.state.screen == REVIEW
    review = host.state.page
    assert [x.split()[0] for x in review.items] == list(HERE)
    assert review.elsewhere[0].startswith("出生医学证明首次签发")
    from kiosk.flow.intents import SetLanguage
    host.dispatch(SetLanguage("en"))  # the review follows the language
    assert host.state.page.elsewhere[0].startswith("First issue of the medical birth certificate")
    host.dispatch(SetLanguage("zh"))
    host.dispatch(ai.SubmitApplication())
    assert host.state.screen == SUBMITTED
    page = wait_for(lambda: host.state.page if host.state.page.state == "accepted" else None)
    number = page.reference
    status = services.client.get_application(number)
    assert sorted(i["code"] for i in status.items) == sorted(HERE)
    with sqlite3.connect(platform.handle.db) as db:
        (bundle,) = db.execute("select bundle from applications where application_no = ?",
                               (number,)).fetchone()
    assert bundle == "newborn"
    receipt = hub.printer.printed[-1].data.decode("gb18030", errors="replace")
    assert number in receipt and all(code in receipt for code in HERE)
    assert "出生医学证明首次签发" in receipt and "妇幼保健院" in receipt  # done elsewhere, and where
    assert LI["name"] not in receipt and LI["id"] not in receipt
    hub.printer.finish()
    host.dispatch(Finish())
    assert_no_personal_data_of(host, LI)
    for secret in (LI["name"], LI["id"]):
        assert secret not in caplog.text


def test_missing_materials_are_said_at_once_and_printed_as_a_notice(host, hub, caplog):
    start_newborn(host, hub, ZHANG)
    for field_id, text in BABY.items():
        host.dispatch(ai.TypeField(field_id, text))
    host.dispatch(ai.FormDone())
    assert host.state.screen == MATERIALS
    host.dispatch(ai.MaterialsDone())
    page = host.state.page
    assert host.state.screen == MATERIALS  # not on to the review: something is missing
    missing = [dict(m.params)["material"] for m in page.missing]
    assert "出生医学证明" in missing and len(missing) == len(set(missing))
    host.dispatch(PrintOneTimeNotice())
    assert host.state.page.notice.key == "bundle.notice.printing"
    slip = hub.printer.printed[-1].data.decode("gb18030", errors="replace")
    assert "一次性告知单" in slip and all(name in slip for name in missing)
    assert "出生医学证明首次签发" in slip and "窗口" in slip  # the item done elsewhere, and how
    assert ZHANG["name"] not in slip and ZHANG["id"] not in slip
    hub.printer.finish()
    assert host.state.page.notice.key == "bundle.notice.printed"
    assert host.state.page.missing  # the list stays on screen
    host.dispatch(Finish())
    assert_no_personal_data_of(host, ZHANG)
    for secret in (ZHANG["name"], ZHANG["id"]):
        assert secret not in caplog.text


def test_bundle_with_only_window_items_is_refused_with_the_reason(host):
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenBundle("newborn"))
    for code in HERE:
        host.dispatch(bi.ToggleBundleItem(code))
    guide = host.state.page.guide
    assert guide.chosen() == {"HEALTH-001"} and not guide.availability.ok
    host.dispatch(ai.StartApply("newborn"))
    assert host.state.page.state == "blocked" and host.state.page.message.key == "apply.not_here"


def test_a_left_out_item_is_not_applied_for(host, hub):
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenBundle("newborn"))
    host.dispatch(bi.ToggleBundleItem("HRSS-005"))
    host.dispatch(ai.StartApply("newborn"))
    assert journey(host).case.item_codes == ("PSB-002", "MED-001")
    hub.card_reader.insert()
    host.dispatch(ai.ReadIdCard())
    hub.card_reader.handles[-1].finish(card(LI))
    ids = {r.id for r in host.state.page.fields}
    assert "mailing_address" not in ids and "child_name" in ids  # HRSS-005's field is gone
    host.dispatch(Finish())
    assert_no_personal_data_of(host, LI)


def assert_no_personal_data_of(host, person) -> None:
    """The privacy walk of the apply tests, for another resident."""
    assert journey(host).case is None
    found = list(strings_in(journey(host), depth=0)) + list(strings_in(host.state))
    assert not any(person["id"] in s or person["name"] in s for s in found)



def test_subject_offers_what_the_other_steps_read(content):
    from kiosk.flow.apply.case import ApplyCase
    from kiosk.flow.apply.merge import case_materials
    case = ApplyCase("newborn", HERE, ("HEALTH-001",))
    materials = case_materials(content.catalog, case)
    assert [m.id for m in materials] == [m.id for m in merged_materials(
        [content.catalog.get(c) for c in HERE])]
    single = ApplyCase("HRSS-001")
    assert single.item_codes == ("HRSS-001",)
    assert case_materials(content.catalog, single) == content.catalog.get("HRSS-001").materials
    subject = subject_for(content.catalog, "newborn", HERE)
    assert subject.assurance in ("", "low", "high") and isinstance(subject.identity_ways, tuple)
    assert subject.result_delivery == ("window",)  # the items share no other way


def test_bundle_closed_now_says_why_per_item_and_keeps_the_elsewhere_list(content):
    import datetime as dt
    from testkit.fake_hub import FakeDeviceHub
    old = content.now
    content.now = lambda: dt.datetime(2026, 11, 30, 23, 30)  # after the kiosk items' hours
    try:
        for lang in ("zh", "en"):
            avail = content.bundle_guide("newborn", None, lang, FakeDeviceHub().statuses()).availability
            assert not avail.ok and avail.here_codes == HERE
            names = [content.catalog.get(c).name.pick(lang) for c in HERE]
            reasons = [r.pick(lang) for r in avail.reasons]  # texts in every language
            assert all(any(r.startswith(n) for r in reasons) for n in names)
            assert avail.alternatives and avail.elsewhere_codes == ("HEALTH-001",)
            away = avail.elsewhere[0].pick(lang)
            assert not any(r.startswith(away.split("（")[0].split(" (")[0])
                           for r in reasons)  # a window-only item is no reason to wait
    finally:
        content.now = old
