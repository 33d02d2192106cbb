"""Every endpoint against the seeded server: answers, masking, statuses and their problems."""
from __future__ import annotations

import io

import pikepdf

from drivers.card_reader import gb11643
from refplatform.applications import STATUSES
from tests.refplatform.api import assert_problem
from tests.refplatform.conftest import IDS, PEOPLE

ZHANG, LI, CHEN = PEOPLE["zhang"], PEOPLE["li"], PEOPLE["chen"]


def pdf_bytes(pages: int) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def verify(api, **body):  # noqa: ANN001, ANN003
    return api.call("POST", "/api/v1/identity/verify", body)


def test_verify_by_every_method_with_its_assurance_and_a_masked_name(api):
    cases = [({"method": "id_card", "id_number": IDS["zhang"]}, ZHANG, "high", "张**"),
             ({"method": "e_id", "e_id_token": "EID-SAMPLE-CHEN-0002"}, CHEN, "high", "陈**"),
             ({"method": "passport", "document_number": "e12345678", "nationality": "GBR"},
              PEOPLE["smith"], "substantial", "S*********"),
             ({"method": "typed", "id_number": IDS["li"], "name": "李秀英"}, LI, "low", "李**")]
    for body, ref, assurance, shown in cases:
        resp = verify(api, **body)
        assert resp.status_code == 200, resp.text
        doc = resp.json()
        assert doc == {"person_ref": ref, "assurance": assurance, "display_name": shown}


def test_verify_unknown_wrong_name_and_invalid_numbers(api):
    unknown = "11010519491231002" + gb11643.check_char("11010519491231002")
    assert_problem(verify(api, method="id_card", id_number=unknown), 404, "person_unknown")
    assert_problem(verify(api, method="typed", id_number=IDS["li"], name="李秀"), 404, "person_unknown")
    bad_check = IDS["zhang"][:17] + ("0" if IDS["zhang"][17] != "0" else "1")
    doc = assert_problem(verify(api, method="id_card", id_number=bad_check), 422, "validation_failed")
    assert "GB 11643" in doc["detail"] and IDS["zhang"][:10] not in doc["detail"]
    assert_problem(verify(api, method="typed", id_number=IDS["li"]), 422, "validation_failed")
    assert_problem(verify(api, method="e_id"), 422, "validation_failed")
    assert_problem(verify(api, method="fingerprint"), 422, "validation_failed")


def test_shared_data_has_sources_and_the_usual_fields(api):
    fields = api.call("GET", f"/api/v1/persons/{ZHANG}/shared-data").json()["fields"]
    for name in ("name", "address", "phone", "household_register", "marital_status", "insured_status",
                 "children"):
        assert fields[name]["value"] not in (None, "") and fields[name]["source"], name
    assert fields["children"]["value"][0]["relation"] == "子"
    assert_problem(api.call("GET", "/api/v1/persons/PR-NOBODY/shared-data"), 404, "person_unknown")


def test_certificates_list(api):
    certs = api.call("GET", f"/api/v1/persons/{LI}/certificates").json()
    assert {c["type_code"] for c in certs} == {"id_card", "marriage_cert", "birth_medical_cert",
                                               "hukou_book"}
    assert set(certs[0]) == {"cert_id", "type_code", "name", "issuer", "issued_on", "valid_to"}
    assert_problem(api.call("GET", "/api/v1/persons/PR-NOBODY/certificates"), 404, "person_unknown")


def test_upload_pdf_returns_hash_and_pages_and_is_usable_as_material(api):
    import hashlib
    body = pdf_bytes(3)
    resp = api.call("POST", "/api/v1/uploads", raw=body, content_type="application/pdf",
                    headers={"X-Material-Code": "hukou_book"})
    assert resp.status_code == 201, resp.text
    doc = resp.json()
    assert doc["pages"] == 3 and doc["sha256"] == hashlib.sha256(body).hexdigest()
    app = {"items": ["MED-001"], "person_ref": PEOPLE["wang"], "delivery": "window", "contact_phone": "13800000004",
           "materials": [{"code": "id_card", "via": "certificate", "cert_id": "EC-WANG-ID"},
                         {"code": "hukou_book", "via": "upload", "upload_id": doc["upload_id"]}]}
    created = api.call("POST", "/api/v1/applications", app)
    assert created.status_code == 201 and created.json()["status"] == "accepted", created.text


def test_upload_refusals(api):
    pdf = {"X-Material-Code": "id_card"}
    assert_problem(api.call("POST", "/api/v1/uploads", raw=b"GIF89a....", content_type="application/pdf",
                            headers=pdf), 422, "not_a_pdf")
    assert_problem(api.call("POST", "/api/v1/uploads", raw=b"%PDF-1.7\nbroken", content_type="application/pdf",
                            headers=pdf), 422, "not_a_pdf")
    assert_problem(api.call("POST", "/api/v1/uploads", raw=pdf_bytes(1), content_type="image/png",
                            headers=pdf), 415, "unsupported_media_type")
    assert_problem(api.call("POST", "/api/v1/uploads", raw=pdf_bytes(1), content_type="application/pdf"),
                   400, "material_code_missing")
    assert_problem(api.call("POST", "/api/v1/uploads", raw=b"%PDF-" + b"0" * (21 * 1024 * 1024),
                            content_type="application/pdf", headers=pdf), 413, "body_too_large")


def test_application_accepted_with_departments_promised_date_and_timeline(api):
    body = {"items": ["HRSS-001", "PSB-003"], "bundle": "job_change", "person_ref": ZHANG,
            "form": {"purpose": "求职"}, "delivery": "kiosk_print", "contact_phone": "13800000001",
            "materials": [{"code": "id_card", "via": "certificate", "cert_id": "EC-ZHANG-ID"}]}
    resp = api.call("POST", "/api/v1/applications", body)
    assert resp.status_code == 201, resp.text
    doc = resp.json()
    assert doc["status"] == "accepted" and doc["application_no"].startswith("SL") and "reasons" not in doc
    assert [(i["code"], i["department"]) for i in doc["items"]] == [
        ("HRSS-001", "示例市人力资源和社会保障局"), ("PSB-003", "示例市公安局")]
    assert doc["promised_date"] >= doc["received_at"][:10]  # PSB-003 promises 1 working day
    got = api.call("GET", f"/api/v1/applications/{doc['application_no']}").json()
    assert got["status"] == "accepted" and got["items"] == doc["items"]
    assert {s["department"] for s in got["timeline"]} == {"示例市人力资源和社会保障局", "示例市公安局"}
    assert [s["step"] for s in got["timeline"]] == ["received", "accepted"] * 2
    listed = api.call("GET", f"/api/v1/applications?person_ref={ZHANG}").json()
    assert doc["application_no"] in {a["application_no"] for a in listed}


def test_application_missing_a_required_material_is_refused_with_reasons(api):
    body = {"items": ["MED-004"], "person_ref": CHEN, "delivery": "window", "contact_phone": "13800000003",
            "materials": [{"code": "id_card", "via": "certificate", "cert_id": "EC-CHEN-ID"}]}
    doc = api.call("POST", "/api/v1/applications", body).json()
    assert doc["status"] == "rejected" and doc["promised_date"] is None
    assert [r["material"] for r in doc["reasons"]] == ["retirement_approval"]
    body["materials"].append({"code": "retirement_approval", "via": "certificate", "cert_id": "EC-CHEN-RA"})
    assert api.call("POST", "/api/v1/applications", body).json()["status"] == "accepted"


def test_application_refusals(api):
    base = {"items": ["HRSS-001"], "person_ref": ZHANG, "delivery": "window", "contact_phone": "13800000001",
            "materials": [{"code": "id_card", "via": "certificate", "cert_id": "EC-ZHANG-ID"}]}
    assert_problem(api.call("POST", "/api/v1/applications", {**base, "items": ["XYZ-1"]}), 422, "unknown_service")
    assert_problem(api.call("POST", "/api/v1/applications", {**base, "person_ref": "PR-X"}), 404, "person_unknown")
    other_cert = [{"code": "id_card", "via": "certificate", "cert_id": "EC-LI-ID"}]
    assert_problem(api.call("POST", "/api/v1/applications", {**base, "materials": other_cert}),
                   422, "certificate_unknown")
    no_upload = [{"code": "id_card", "via": "upload", "upload_id": "UP0000"}]
    assert_problem(api.call("POST", "/api/v1/applications", {**base, "materials": no_upload}), 422, "upload_unknown")
    doc = assert_problem(api.call("POST", "/api/v1/applications", {**base, "delivery": "drone"}),
                         422, "validation_failed")
    assert doc["errors"][0]["loc"] == ["delivery"]
    assert_problem(api.call("GET", "/api/v1/applications/SL-NOPE"), 404, "application_unknown")
    assert_problem(api.call("GET", "/api/v1/applications"), 422, "validation_failed")


def test_seed_has_every_status_with_a_realistic_timeline(api):
    seen = {}
    for person in ("zhang", "li", "chen", "wang"):
        for summary in api.call("GET", f"/api/v1/applications?person_ref={PEOPLE[person]}").json():
            if summary["application_no"].startswith("SL2026") and summary["application_no"][10] == "A":
                seen.setdefault(summary["status"], summary["application_no"])
    assert set(STATUSES) <= set(seen)
    rejected = api.call("GET", f"/api/v1/applications/{seen['rejected']}").json()
    assert rejected["reasons"]
    waiting = api.call("GET", f"/api/v1/applications/{seen['supplement_required']}").json()
    assert set(waiting["supplement"]) == {"reason", "materials", "due"}
    ready = api.call("GET", f"/api/v1/applications/{seen['result_ready']}").json()
    steps = [s["step"] for s in ready["timeline"]]
    assert steps == ["received", "accepted", "in_review", "decided_approved", "result_ready"]
    assert all(s["department"] for s in ready["timeline"]) and ready["result"]["pickup_code"]


def test_results_by_pickup_code(api):
    ok = api.call("GET", f"/api/v1/results/31415926?person_ref={ZHANG}").json()
    assert ok["delivery"] == "kiosk_print" and ok["document"]["verify_url"].startswith("https://")
    locker = api.call("GET", f"/api/v1/results/27182818?person_ref={ZHANG}").json()
    assert locker["locker"] == {"cabinet": "A", "door": 7}
    courier = api.call("GET", f"/api/v1/results/16180339?person_ref={CHEN}").json()
    assert courier["courier"]["tracking_no"]
    assert_problem(api.call("GET", f"/api/v1/results/31415926?person_ref={LI}"), 403, "not_owner")
    assert_problem(api.call("GET", f"/api/v1/results/14142135?person_ref={LI}"), 410, "expired")
    assert_problem(api.call("GET", f"/api/v1/results/17320508?person_ref={LI}"), 410, "already_collected")
    assert_problem(api.call("GET", f"/api/v1/results/00000000?person_ref={LI}"), 404, "pickup_code_unknown")
    assert_problem(api.call("GET", "/api/v1/results/31415926"), 422, "validation_failed")


def test_handover_then_already_collected_and_delivered(fresh_api):
    api = fresh_api
    body = {"person_ref": ZHANG, "via": "print", "kiosk_id": "K-FRESH"}
    first = api.call("POST", "/api/v1/results/31415926/handover", body)
    assert first.status_code == 201 and first.json()["handed_over_at"].endswith("Z")
    assert_problem(api.call("POST", "/api/v1/results/31415926/handover", body), 409, "already_collected")
    assert_problem(api.call("GET", f"/api/v1/results/31415926?person_ref={ZHANG}"), 410, "already_collected")
    app = api.call("GET", "/api/v1/applications/SL20261010A0000007").json()
    assert app["status"] == "delivered" and app["timeline"][-1]["step"] == "delivered"
    assert_problem(api.call("POST", "/api/v1/results/27182818/handover", {**body, "person_ref": LI}),
                   403, "not_owner")
    assert_problem(api.call("POST", "/api/v1/results/27182818/handover", body), 422, "validation_failed")
    assert api.call("POST", "/api/v1/results/27182818/handover", {**body, "via": "locker"}).status_code == 201
    assert_problem(api.call("POST", "/api/v1/results/14142135/handover", {**body, "person_ref": LI}),
                   410, "expired")


def test_supplement_moves_the_application_back_to_review(fresh_api):
    api = fresh_api
    path = "/api/v1/applications/SL20261026A0000004/supplements"
    body = {"materials": [{"code": "disability_assessment", "via": "commitment"}]}
    assert api.call("POST", path, body).json() == {"status": "in_review"}
    app = api.call("GET", "/api/v1/applications/SL20261026A0000004").json()
    assert app["status"] == "in_review" and "supplement" not in app
    assert app["timeline"][-1]["step"] == "supplemented"
    assert_problem(api.call("POST", path, body), 409, "supplement_not_required")
    assert_problem(api.call("POST", "/api/v1/applications/SL-NOPE/supplements", body), 404, "application_unknown")
    assert_problem(api.call("POST", path, {"materials": []}), 422, "validation_failed")


def test_evaluations(fresh_api):
    api = fresh_api
    no = "SL20261011A0000008"
    doc = assert_problem(api.call("POST", "/api/v1/evaluations", {"application_no": no, "level": 2}),
                         422, "reason_required")
    assert "reason" in doc["detail"]
    assert_problem(api.call("POST", "/api/v1/evaluations", {"application_no": no, "level": 6}),
                   422, "validation_failed")
    assert_problem(api.call("POST", "/api/v1/evaluations", {"application_no": no, "level": "5"}),
                   422, "validation_failed")
    ok = api.call("POST", "/api/v1/evaluations", {"application_no": no, "level": 1, "comment": "等太久"})
    assert ok.status_code == 201 and ok.json()["level"] == 1
    assert_problem(api.call("POST", "/api/v1/evaluations", {"application_no": no, "level": 5}), 409, "already_rated")
    assert api.call("POST", "/api/v1/evaluations", {"application_no": "SL20261013A0000009", "level": 2,
                                                     "reasons": ["办事效率"]}).status_code == 201
    assert_problem(api.call("POST", "/api/v1/evaluations", {"application_no": "SL-NOPE", "level": 5}),
                   404, "application_unknown")


def test_unknown_paths_and_methods_are_problems(api):
    assert_problem(api.call("GET", "/api/v1/nothing-here"), 404, "not_found")
    assert_problem(api.call("DELETE", "/api/v1/evaluations"), 405, "method_not_allowed")


def test_server_log_holds_no_personal_data(platform, api):
    verify(api, method="typed", id_number=IDS["wang"], name="王芳")
    api.call("GET", f"/api/v1/persons/{PEOPLE['wang']}/shared-data")
    log = platform.log()
    for r in ("张伟民", "李秀英", "陈建国", "王芳", "SMITH JOHN", "13800000001", "E12345678"):
        assert r not in log
    assert all(number not in log for number in IDS.values() if number)
