"""The materials step by each way the guide allows, against the real reference platform and outbox:
e-certificate, capture on the document camera (PDF), commitment signed on screen (PNG), supplied later."""
from __future__ import annotations

import io
import sqlite3

import pikepdf
import pytest
from PIL import Image

from drivers.base import DeviceState
from drivers.document_camera.base import PAGE_CAPTURED, PAGE_DETECTED
from drivers.document_camera.page_image import page as page_image
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply import material_intents as mi
from kiosk.flow.apply.material_pages import CAPTURE, SIGN
from kiosk.flow.apply.pages import MATERIALS, REVIEW, SUBMITTED
from kiosk.flow.intents import Back, Finish
from kiosk.flow.state import ATTRACT
from tests.flow.apply.conftest import WANG
from tests.flow.apply.test_apply_journey import (assert_no_personal_data, identify_by_card, journey,
                                                 open_apply, outbox_files, wait_for)

pytestmark = pytest.mark.platform
RENT = "HPF-001"  # id_card (certificate), tenancy_contract (capture | commitment), bank_card (capture)
LATER = "HRSS-003"  # termination_proof: capture | supplied later
# a zig-zag "signature": two strokes in pad coordinates (0..1, y down)
STROKES = (((0.1, 0.6), (0.2, 0.3), (0.3, 0.7), (0.4, 0.35), (0.5, 0.65)),
           ((0.55, 0.5), (0.7, 0.45), (0.9, 0.55)))


def to_materials(host, hub, code: str, typed: dict[str, str]) -> None:
    open_apply(host, code)
    identify_by_card(host, hub)
    hub.card_reader.remove()
    for field_id, text in typed.items():
        host.dispatch(ai.TypeField(field_id, text))
    host.dispatch(ai.FormDone())
    assert host.state.screen == MATERIALS, host.state.page


def rows(host) -> dict:
    return {r.code: r for r in host.state.page.materials}


def capture(host, hub, code: str, pages: int) -> None:
    host.dispatch(ai.ChooseMaterial(code, "upload"))
    assert host.state.screen == CAPTURE and host.state.page.code == code
    hub.emit("document_camera", PAGE_DETECTED, corners=[[0, 0], [9, 0], [9, 9], [0, 9]],
             hint="hold_still")
    assert host.state.page.hint.key == "documents.hint.hold_still"
    assert host.state.page.corners == ((0, 0), (9, 0), (9, 9), (0, 9))
    for i in range(pages):
        hub.emit("document_camera", PAGE_CAPTURED, image=page_image("letter", seed=i), quality={})
    assert host.state.page.pages == pages
    host.dispatch(mi.FinishCapture())
    assert host.state.screen == MATERIALS


def uploads_on_server(platform) -> list[tuple]:
    """(row id, material code, pages, SHA-256) of every upload the platform holds."""
    with sqlite3.connect(platform.handle.db) as db:
        return db.execute("SELECT rowid, material_code, pages, sha256 FROM uploads").fetchall()


def uploads_since(platform, before: list[tuple]) -> list[tuple]:
    """(material code, pages, SHA-256) of uploads stored after `before` was taken. By row id: the
    same strokes make the same signature file, so an earlier test's upload has the same hash."""
    seen = {row[0] for row in before}
    return [row[1:] for row in uploads_on_server(platform) if row[0] not in seen]


def test_capture_and_commitment_reach_the_platform_once(host, hub, services, platform, tmp_path,
                                                        caplog):
    before = uploads_on_server(platform)
    to_materials(host, hub, RENT, {"monthly_rent": "2500"})
    page = host.state.page
    assert rows(host)["id_card"].options == ("certificate",)  # the platform holds it: asked nothing
    assert rows(host)["tenancy_contract"].options == ("upload", "commitment")
    assert rows(host)["bank_card"].options == ("upload",)
    assert (page.ready, page.total) == (1, 3)
    host.dispatch(ai.MaterialsDone())  # the one feedback: both missing at once
    assert {m.param("material") for m in host.state.page.missing} == {
        rows(host)["tenancy_contract"].name, rows(host)["bank_card"].name}

    capture(host, hub, "bank_card", pages=2)
    assert rows(host)["bank_card"].chosen == "upload" and rows(host)["bank_card"].pages == 2
    assert (host.state.page.ready, host.state.page.total) == (2, 3)

    host.dispatch(ai.ChooseMaterial("tenancy_contract", "commitment"))
    assert host.state.screen == SIGN
    assert host.state.page.text.param("material") == rows_name(host, "tenancy_contract")
    host.dispatch(mi.SignCommitment("tenancy_contract", (((0.5, 0.5),),)))  # a tap is no signature
    assert host.state.screen == SIGN and host.state.page.error.key == "apply.sign.empty"
    host.dispatch(mi.SignCommitment("tenancy_contract", STROKES))
    assert host.state.screen == MATERIALS
    assert rows(host)["tenancy_contract"].chosen == "commitment"
    assert (host.state.page.ready, host.state.page.total) == (3, 3)
    attachments = journey(host).case.attachments
    signature = Image.open(io.BytesIO(bytes(attachments["tenancy_contract"].png)))
    assert signature.format == "PNG" and signature.getextrema()[0] == 0  # black ink drawn
    sent = {code: bytes(a.pdf) for code, a in attachments.items()}

    host.dispatch(ai.MaterialsDone())
    assert host.state.screen == REVIEW
    host.dispatch(ai.SubmitApplication())
    host.dispatch(ai.SubmitApplication())  # a second tap never sends twice
    assert host.state.screen == SUBMITTED
    page = wait_for(lambda: host.state.page if host.state.page.state == "accepted" else None)
    new = uploads_since(platform, before)
    assert sorted((c, p) for c, p, _ in new) == [("bank_card", 2), ("tenancy_contract.signature", 1)]
    import hashlib
    assert {c: h for c, _, h in new} == {
        "bank_card": hashlib.sha256(sent["bank_card"]).hexdigest(),
        "tenancy_contract.signature": hashlib.sha256(sent["tenancy_contract"]).hexdigest()}
    with pikepdf.open(io.BytesIO(sent["tenancy_contract"])) as pdf:  # the PNG, lossless, on the page
        image = pikepdf.PdfImage(next(iter(pdf.pages[0].get_images().values()))).as_pil_image()
    assert image.size == signature.size
    status = services.client.get_application(page.reference)
    assert status.status == "accepted"
    assert not journey(host).case.attachments  # sealed in the outbox: the case keeps no copy
    receipt = hub.printer.printed[-1].data.decode("gb18030", errors="replace")
    assert "拍照上传" in receipt and "告知承诺" in receipt
    host.dispatch(Finish())
    assert host.state.screen == ATTRACT
    assert_no_personal_data(host, caplog.text, outbox_files(tmp_path))
    for path in outbox_files(tmp_path):  # the files waited sealed in the outbox, never in clear
        data = path.read_bytes()
        assert b"%PDF-" not in data and b"\x89PNG" not in data, path.name
    assert not any(p.name not in ("outbox.key",) and not p.name.startswith("outbox.sqlite3")
                   for p in tmp_path.iterdir())  # no scan or signature file was ever written


def rows_name(host, code: str) -> str:
    return journey(host).materials._material(journey(host).case, code).name["zh"]


def test_deferred_where_allowed_and_capture_needs_the_camera(host, hub, services):
    to_materials(host, hub, LATER, {"employer_name": "示例公司", "unemployment_date": "2026-10-31"})
    row = rows(host)["termination_proof"]
    assert row.options == ("upload", "deferred") and row.chosen is None
    host.dispatch(ai.ChooseMaterial("termination_proof", "commitment"))  # not allowed: ignored
    assert rows(host)["termination_proof"].chosen is None and host.state.screen == MATERIALS
    host.dispatch(ai.ChooseMaterial("termination_proof", "deferred"))
    assert rows(host)["termination_proof"].chosen == "deferred"
    materials, uploads = journey(host).materials.submission(journey(host).case)
    assert {"code": "termination_proof", "via": "deferred"} in materials and uploads == []
    hub.document_camera.set_status(DeviceState.NO_DEVICE)
    host.dispatch(Back())
    host.dispatch(ai.FormDone())
    assert rows(host)["termination_proof"].options == ("deferred",)  # no camera, no capture


def test_capture_back_retake_and_no_pages(host, hub):
    to_materials(host, hub, RENT, {"monthly_rent": "2500"})
    host.dispatch(ai.ChooseMaterial("bank_card", "upload"))
    host.dispatch(mi.FinishCapture())
    assert host.state.screen == CAPTURE and host.state.page.error.key == "apply.capture.no_pages"
    hub.emit("document_camera", PAGE_CAPTURED, image=page_image("form"), quality={})
    host.dispatch(mi.RetakeCapture())
    assert host.state.page.pages == 0 and not journey(host).case.capture_pages
    hub.emit("document_camera", PAGE_CAPTURED, image=page_image("form"), quality={})
    host.dispatch(Back())  # leaves the camera: pages dropped, nothing chosen
    assert host.state.screen == MATERIALS and rows(host)["bank_card"].chosen is None
    assert not journey(host).case.capture_pages
    hub.emit("document_camera", PAGE_CAPTURED, image=page_image("form"), quality={})
    assert not journey(host).case.capture_pages  # the camera is heard only on the capture screen


@pytest.mark.parametrize("end", ["finish", "cancel", "timeout"])
def test_captures_and_signatures_wiped_at_the_end(host, hub, clock, caplog, end):
    to_materials(host, hub, RENT, {"monthly_rent": "2500"})
    capture(host, hub, "bank_card", pages=1)
    host.dispatch(ai.ChooseMaterial("tenancy_contract", "commitment"))
    host.dispatch(mi.SignCommitment("tenancy_contract", STROKES))
    case = journey(host).case
    held = [bytes(a.pdf) for a in case.attachments.values()]
    buffers = [a.pdf for a in case.attachments.values()] + [case.attachments["tenancy_contract"].png]
    assert len(held) == 2 and all(h.startswith(b"%PDF") for h in held)
    hub.emit("document_camera", PAGE_CAPTURED, image=page_image("form"), quality={})  # ignored
    if end == "finish":
        host.dispatch(Finish())
    elif end == "cancel":  # Back all the way out, as a resident who gives up
        for _ in range(10):
            if host.state.screen == ATTRACT:
                break
            host.dispatch(Back())
    else:
        clock.advance(200)
        host.tick()
    assert host.state.screen == ATTRACT and journey(host).case is None
    assert not case.attachments and not case.capture_pages and not case.choices
    assert all(not any(buf) for buf in buffers)  # zeroed, not just dropped
    assert_no_personal_data(host, caplog.text)


def test_certificate_shows_issuer_and_validity_and_an_expired_one_is_not_used(host, hub):
    import dataclasses
    to_materials(host, hub, "HRSS-001", {"period": "2026年1月"})
    row = rows(host)["id_card"]
    info = row.certificate_info
    assert row.chosen == "certificate" and info.key == "apply.materials.certificate"
    assert info.param("issuer") == "示例市公安局晋安分局" and info.param("valid_to") == "2028-03-01"
    case = journey(host).case
    case.certificates = [dataclasses.replace(c, valid_to="2020-01-01") for c in case.certificates]
    case.choices.clear()
    host.dispatch(Back())
    host.dispatch(ai.FormDone())
    row = rows(host)["id_card"]
    assert row.options == () and row.chosen is None and row.certificate_info is None
    host.dispatch(ai.MaterialsDone())
    assert [m.key for m in host.state.page.missing] == ["apply.materials.missing_window"]


def test_server_down_queues_the_files_and_sends_each_once(host, hub, services, platform, tmp_path):
    person = services.client.verify_identity(method="id_card", id_number=WANG["id"],
                                             name=WANG["name"]).person_ref
    before_apps = len(services.client.list_applications(person))
    before = uploads_on_server(platform)
    to_materials(host, hub, RENT, {"monthly_rent": "1800"})
    capture(host, hub, "bank_card", pages=1)
    host.dispatch(ai.ChooseMaterial("tenancy_contract", "commitment"))
    host.dispatch(mi.SignCommitment("tenancy_contract", STROKES))
    host.dispatch(ai.MaterialsDone())
    platform.handle.set_faults(["applications_create:drop_before"])
    try:
        host.dispatch(ai.SubmitApplication())
        page = wait_for(lambda: host.state.page if host.state.page.state == "queued" else None)
        assert page.reference.startswith("LOCAL-")
        assert not journey(host).case.attachments  # sealed in the outbox only
        assert len(services.client.list_applications(person)) == before_apps
    finally:
        platform.handle.set_faults([])
    services.outbox.sender.nudge()
    wait_for(lambda: host.state.page if host.state.page.state == "accepted" else None)
    new = uploads_since(platform, before)
    assert sorted(c for c, _, _ in new) == ["bank_card", "tenancy_contract.signature"]  # once each
    assert len(services.client.list_applications(person)) == before_apps + 1
    host.dispatch(Finish())
