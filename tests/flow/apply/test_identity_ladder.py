"""The identity ladder against the real reference platform: each rung, its failure messages, the fallbacks.

Fake hub (no threads): the SAM/PC-SC reader and the QR camera are scripted by the test; the platform
process, its database and the verification are real.
"""
from __future__ import annotations

import logging

import pytest

from drivers.card_reader.base import IdentityRecord
from drivers.card_reader.mrtd.mrz import bac_information_from, check_digit, mrz_information
from drivers.commands import HalError
from drivers.qr_camera.base import CODE_SCANNED
from kiosk.flow.apply import identity_intents as ii
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.pages import FORM, IDENTIFY
from kiosk.flow.browse import intents as bi
from kiosk.flow.intents import Finish
from kiosk.flow.prompts import screen_prompt
from kiosk.flow.state import ATTRACT
from refplatform import seed
from tests.flow.apply.conftest import WANG, FakeCardReader, wang_card
from testkit.fake_hub import FakeCamera, FakeHandle

pytestmark = pytest.mark.platform
LOW = "MED-003"  # catalog: assurance = "low", the whole ladder
HIGH = "HRSS-001"  # the ID card original is a material: high assurance
ZHANG = next(r for r in seed.RESIDENTS if r["key"] == "zhang")
SMITH = next(r for r in seed.RESIDENTS if r["key"] == "smith")
# SMITH's passport as typed from its MRZ: number, birth date and expiry, each with its check digit
BIRTH, EXPIRY = "790412", "310101"
MRZ = {"mrz_document": "E12345678" + check_digit("E12345678"),
       "mrz_birth": BIRTH + check_digit(BIRTH), "mrz_expiry": EXPIRY + check_digit(EXPIRY)}


class FakePassportReader(FakeCardReader):
    """A PC/SC reader: read_mrtd(mrz line) returns a handle the test finishes."""

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.mrz_lines: list[str] = []

    def read_mrtd(self, mrz: str, timeout: float = 15.0) -> FakeHandle:
        """A pending chip read with the BAC keys from mrz."""
        self.mrz_lines.append(mrz)
        return self.read_card(timeout)


def smith_passport() -> IdentityRecord:
    """SMITH JOHN's passport chip (DG1) as the PC/SC driver maps it."""
    return IdentityRecord("mrtd", "SMITH JOHN", SMITH["passport"][0], nation="GBR",
                          birth_date="1979-04-12", extra={"nationality": "GBR"})


@pytest.fixture
def passport_hub(hub):
    """The hub whose card reader also reads e-passports."""
    hub.card_reader = FakePassportReader(hub)
    hub.devices["card_reader"] = hub.card_reader
    return hub


def journey(host):
    return next(j for j in host.journeys if j.name == "apply")


def open_apply(host, code: str) -> None:
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService(code))
    host.dispatch(ai.StartApply(code))
    assert host.state.screen == IDENTIFY and host.state.page.state == "ready"


def scan(hub, text: str) -> None:
    hub.emit("qr_camera", CODE_SCANNED, text=text, raw=text.encode())


def test_card_fails_then_eid_qr_then_typed(host, hub, caplog):
    """The ladder test: card read fails -> e-ID QR (not recognised) -> typed, recorded as low."""
    caplog.set_level(logging.INFO)
    open_apply(host, LOW)
    page = host.state.page
    assert page.way == "id_card" and page.offers == ("eid_qr", "typed")  # no passport reader here
    hub.card_reader.insert()
    host.dispatch(ai.ReadIdCard())
    hub.card_reader.handles[-1].finish(error=HalError("read_failed", "no answer from the SAM"))
    page = host.state.page
    assert page.state == "failed" and page.message.key.startswith("apply.card.error.")
    assert page.next_way == "eid_qr"
    spoken = screen_prompt(IDENTIFY, page).msg
    assert spoken.key == "apply.ident.failed_next" and spoken.param("next").key.endswith("eid_qr")

    host.dispatch(ii.ChooseIdentityWay("eid_qr"))
    assert hub.qr_camera.scanning and host.state.page.message.key == "apply.ident.eid.show"
    scan(hub, "https://example.org/not-an-eid")
    assert host.state.page.message.key == "apply.ident.eid.not_eid" and hub.qr_camera.scanning
    scan(hub, "EID-REVOKED-0000")  # well formed, but the platform knows nobody with it
    page = host.state.page
    assert page.state == "failed" and page.message.key == "apply.ident.unknown.eid_qr"
    assert page.next_way == "typed" and hub.qr_camera.scanning  # a refreshed code may follow

    host.dispatch(ii.ChooseIdentityWay("typed"))
    assert [e.id for e in host.state.page.entries] == ["id_number", "name"]
    assert host.state.page.note.key == "apply.ident.typed.low"
    wrong = WANG["id"][:17] + ("1" if WANG["id"][17] != "1" else "2")
    host.dispatch(ii.TypeIdentityField("id_number", wrong))
    host.dispatch(ii.TypeIdentityField("name", WANG["name"]))
    host.dispatch(ii.SubmitTypedIdentity())
    page = host.state.page
    assert host.state.screen == IDENTIFY and page.message.key == "input.error.id.check_digit"
    assert {e.id: e.error for e in page.entries}["id_number"].key == "input.error.id.check_digit"
    assert {e.id: e.text for e in page.entries}["id_number"] == wrong  # nothing typed is lost
    host.dispatch(ii.TypeIdentityField("id_number", WANG["id"]))
    host.dispatch(ii.SubmitTypedIdentity())
    assert host.state.screen == FORM, host.state.page
    case = journey(host).case
    assert (case.assurance, case.method) == ("low", "typed")
    assert journey(host).identify.ladder.entries == {}  # typed values forgotten once verified
    host.dispatch(ai.TypeField("mobile_phone", "13800000004"))
    form = journey(host).submit.payload(case)["form"]
    assert form["identity_assurance"] == "low" and form["identity_method"] == "typed"
    assert WANG["id"] not in caplog.text and WANG["name"] not in caplog.text


def test_typed_name_must_match_the_platform(host, hub):
    open_apply(host, LOW)
    host.dispatch(ii.ChooseIdentityWay("typed"))
    host.dispatch(ai.TypeIdentity(WANG["id"], "王小芳"))
    page = host.state.page
    assert page.state == "failed" and page.message.key == "apply.ident.unknown.typed"
    assert journey(host).case.person_ref == ""


def test_eid_qr_verified_by_the_platform_is_high(host, hub):
    """On a high-assurance service the e-ID QR code is offered; the platform says who it is."""
    open_apply(host, HIGH)
    page = host.state.page
    assert page.offers == ("eid_qr",) and not page.can_type
    host.dispatch(ii.ChooseIdentityWay("eid_qr"))
    scan(hub, "EID-EXPIRED-0001")
    refused = host.state.page
    assert refused.message.key == "apply.ident.unknown.eid_qr"
    revision = host.state.revision
    scan(hub, "EID-EXPIRED-0001")  # still held up: not sent to the platform again
    assert host.state.revision == revision and host.state.page is refused
    scan(hub, ZHANG["e_id"])  # the refreshed code, shown at once
    assert host.state.screen == FORM, host.state.page
    case = journey(host).case
    assert (case.assurance, case.method) == ("high", "eid_qr")
    assert case.person_ref == "PR-96C410F47B36DCCF" and case.name == ZHANG["name"]
    rows = {r.id: r for r in host.state.page.fields}
    assert rows["applicant_name"].text == ZHANG["name"] and rows["applicant_name"].origin == "shared"


def test_high_assurance_refuses_typing_and_passport(host, passport_hub):
    open_apply(host, HIGH)
    page = host.state.page
    assert "passport" not in page.offers and not page.can_type
    assert [m.key for m in page.refused] == ["apply.ident.refused.passport"]
    assert page.typed_refused.key == "apply.identify.typed_refused_high"
    host.dispatch(ii.ChooseIdentityWay("passport"))
    assert host.state.page.message.key == "apply.ident.refused.passport"
    host.dispatch(ii.ChooseIdentityWay("typed"))
    assert host.state.page.message.key == "apply.identify.typed_refused_high"
    host.dispatch(ai.TypeIdentity(WANG["id"], WANG["name"]))
    assert host.state.screen == IDENTIFY and journey(host).case.person_ref == ""
    assert passport_hub.card_reader.mrz_lines == []


def test_passport_mrz_checked_then_bac_read_and_verified(host, passport_hub):
    reader = passport_hub.card_reader
    open_apply(host, LOW)
    assert host.state.page.offers == ("passport", "eid_qr", "typed")
    host.dispatch(ii.ChooseIdentityWay("passport"))
    page = host.state.page
    assert [e.id for e in page.entries] == ["mrz_document", "mrz_birth", "mrz_expiry"]
    assert page.note.key == "apply.ident.mrz.typed_only"  # this hub's camera cannot capture: typed
    bad_digit = str((int(MRZ["mrz_document"][-1]) + 1) % 10)
    host.dispatch(ii.TypeIdentityField("mrz_document", MRZ["mrz_document"][:-1] + bad_digit))
    host.dispatch(ii.TypeIdentityField("mrz_birth", "7913120"))
    host.dispatch(ii.TypeIdentityField("mrz_expiry", "2001011"))
    host.dispatch(ii.ReadPassport())
    page = host.state.page
    errors = {e.id: e.error.key for e in page.entries if e.error is not None}
    assert page.message.key == "apply.ident.mrz.fix" and reader.mrz_lines == []
    assert errors == {"mrz_document": "apply.ident.mrz.check_digit",
                      "mrz_birth": "apply.ident.mrz.date_invalid",
                      "mrz_expiry": "apply.ident.mrz.expired"}
    for field_id, text in MRZ.items():
        host.dispatch(ii.TypeIdentityField(field_id, text))
    host.dispatch(ii.ReadPassport())
    assert host.state.page.state == "reading" and len(reader.mrz_lines) == 1
    assert bac_information_from(reader.mrz_lines[0]) == mrz_information("E12345678", BIRTH, EXPIRY)
    reader.insert()
    reader.handles[-1].finish(smith_passport())
    assert host.state.screen == FORM, host.state.page
    case = journey(host).case
    assert (case.assurance, case.method) == ("medium", "passport")
    assert case.person_ref == "PR-72156A026C847C0E"
    assert host.state.page.notice.key == "apply.ident.take_passport"


def test_passport_chip_refuses_the_keys_says_why_and_offers_next(host, passport_hub):
    open_apply(host, LOW)
    host.dispatch(ii.ChooseIdentityWay("passport"))
    for field_id, text in MRZ.items():
        host.dispatch(ii.TypeIdentityField(field_id, text))
    host.dispatch(ii.ReadPassport())
    passport_hub.card_reader.handles[-1].finish(
        error=HalError("bac_denied", "The chip refused the access keys."))
    page = host.state.page
    assert page.message.key == "apply.ident.passport.error.bac_denied"
    assert page.next_way == "eid_qr" and page.entries[0].text == MRZ["mrz_document"]


def test_card_left_behind_is_asked_on_screen_spoken_and_logged_masked(host, hub, caplog):
    caplog.set_level(logging.INFO)
    open_apply(host, HIGH)
    hub.card_reader.insert()
    host.dispatch(ai.ReadIdCard())
    hub.card_reader.handles[-1].finish(wang_card())
    assert host.state.screen == FORM
    # the identity step ended with the card on the reader: on screen and as the spoken prompt
    assert host.state.page.notice.key == "apply.identify.take_card"
    assert screen_prompt(FORM, host.state.page).msg.key == "apply.identify.take_card"
    host.dispatch(Finish())
    state = host.state
    assert state.screen == ATTRACT and state.page.reminder.key == "apply.ident.card_left"
    assert screen_prompt(ATTRACT, state.page).msg.key == "apply.ident.card_left"
    assert "card was left on the reader" in caplog.text
    assert WANG["id"] not in caplog.text and WANG["id"][:3] in caplog.text
    hub.card_reader.remove()
    assert host.state.page.reminder is None
    assert screen_prompt(ATTRACT, host.state.page).msg.key == "voice.screen.attract"
    assert "card left on the reader was taken" in caplog.text


def test_no_reminder_when_the_card_was_taken(host, hub):
    open_apply(host, HIGH)
    hub.card_reader.insert()
    host.dispatch(ai.ReadIdCard())
    hub.card_reader.handles[-1].finish(wang_card())
    hub.card_reader.remove()
    assert host.state.page.notice is None
    host.dispatch(Finish())
    assert host.state.screen == ATTRACT and host.state.page.reminder is None


def test_camera_stops_when_the_session_ends_on_the_eid_rung(host, hub, clock):
    open_apply(host, LOW)
    host.dispatch(ii.ChooseIdentityWay("eid_qr"))
    assert hub.qr_camera.scanning
    clock.advance(200)
    host.tick()  # idle timeout
    assert host.state.screen == ATTRACT and not hub.qr_camera.scanning
    scan(hub, ZHANG["e_id"])  # a code shown afterwards starts nothing
    assert host.state.screen == ATTRACT


def test_language_switch_keeps_the_failure_and_what_was_typed(host, hub):
    from kiosk.flow.intents import SetLanguage
    open_apply(host, LOW)
    host.dispatch(ii.ChooseIdentityWay("typed"))
    host.dispatch(ii.TypeIdentityField("id_number", "12345"))
    host.dispatch(ii.SubmitTypedIdentity())
    before = host.state.page
    assert before.state == "failed" and before.message.key == "input.error.id.length"
    host.dispatch(SetLanguage("en"))
    assert host.state.page == before


class FakeDocumentCamera(FakeCamera):
    """capture() returns a handle the test finishes with a CapturedPage."""

    def __init__(self, hub) -> None:
        super().__init__(hub, "document_camera")
        self.handles: list[FakeHandle] = []

    def capture(self, timeout: float = 20.0) -> FakeHandle:
        """A pending capture."""
        self.handles.append(FakeHandle("capture"))
        return self.handles[-1]


def test_passport_mrz_read_by_the_document_camera(host, passport_hub):
    from drivers.document_camera.base import CapturedPage
    from tests.flow.apply.mrz_images import photo_page, td3_lines
    camera = passport_hub.document_camera = FakeDocumentCamera(passport_hub)
    passport_hub.devices["document_camera"] = camera
    open_apply(host, LOW)
    host.dispatch(ii.ChooseIdentityWay("passport"))
    page = host.state.page
    assert page.mrz_camera and page.note.key == "apply.ident.mrz.camera_or_type"
    host.dispatch(ii.ScanMrz())
    assert host.state.page.state == "reading" and len(camera.handles) == 1
    blank = photo_page(("P<GBR".ljust(44, "<"), "<" * 44))
    camera.handles[-1].finish(CapturedPage(blank, "grey", 300, [], 1))
    assert host.state.page.message.key == "apply.ident.mrz.unreadable"  # type it instead
    host.dispatch(ii.ScanMrz())
    lines = td3_lines("SMITH", "JOHN", SMITH["passport"][0], "GBR", BIRTH, "M", EXPIRY)
    camera.handles[-1].finish(CapturedPage(photo_page(lines), "grey", 300, [], 2))
    page = host.state.page
    assert page.message.key == "apply.ident.mrz.scanned"
    assert {e.id: e.text for e in page.entries} == MRZ and all(e.error is None for e in page.entries)
    host.dispatch(ii.ReadPassport())
    assert bac_information_from(passport_hub.card_reader.mrz_lines[-1]) == \
        mrz_information("E12345678", BIRTH, EXPIRY)
