"""Idempotency-Key: first response replayed, reuse with another body refused, key required."""
from __future__ import annotations

import threading
import uuid

from tests.refplatform.api import Api, assert_problem
from tests.refplatform.conftest import PEOPLE


def application(person: str = "wang", phone: str = "13800000004") -> dict:
    """A complete HRSS-001 application (all required materials listed)."""
    return {"items": ["HRSS-001"], "person_ref": PEOPLE[person], "form": {"note": "自助终端"},
            "materials": [{"code": "id_card", "via": "certificate", "cert_id": "EC-WANG-ID"}],
            "delivery": "kiosk_print", "contact_phone": phone}


def count_apps(api: Api, person: str = "wang") -> int:
    resp = api.call("GET", f"/api/v1/applications?person_ref={PEOPLE[person]}")
    assert resp.status_code == 200
    return len(resp.json())


def test_same_key_same_body_returns_the_first_response_and_creates_once(api):
    before = count_apps(api)
    key = str(uuid.uuid4())
    first = api.call("POST", "/api/v1/applications", application(), key=key)
    assert first.status_code == 201 and first.json()["status"] == "accepted"
    again = api.call("POST", "/api/v1/applications", application(), key=key)
    assert again.status_code == 201 and again.content == first.content
    assert count_apps(api) == before + 1


def test_same_key_different_body_is_422(api):
    key = str(uuid.uuid4())
    assert api.call("POST", "/api/v1/applications", application(), key=key).status_code == 201
    assert_problem(api.call("POST", "/api/v1/applications", application(phone="13800000009"), key=key),
                   422, "idempotency_key_reused")


def test_same_key_on_another_endpoint_is_422(api):
    key = str(uuid.uuid4())
    assert api.call("POST", "/api/v1/applications", application(), key=key).status_code == 201
    body = {"application_no": "SL20261102A0000001", "level": 4}
    assert_problem(api.call("POST", "/api/v1/evaluations", body, key=key), 422, "idempotency_key_reused")


def test_keys_are_per_kiosk(platform, api):
    key = str(uuid.uuid4())
    other = Api(platform.url, "K-TEST-OTHER", platform.add_kiosk("K-TEST-OTHER"))
    a = api.call("POST", "/api/v1/applications", application(), key=key)
    b = other.call("POST", "/api/v1/applications", application(), key=key)
    assert a.status_code == b.status_code == 201
    assert a.json()["application_no"] != b.json()["application_no"]


def test_missing_and_malformed_keys(api):
    doc = assert_problem(api.call("POST", "/api/v1/applications", application(), key=False),
                         400, "idempotency_key_missing")
    assert "Idempotency-Key" in doc["detail"]
    assert_problem(api.call("POST", "/api/v1/applications", application(), key="not-a-uuid"),
                   400, "idempotency_key_invalid")


def test_problem_answers_are_not_stored_so_a_fixed_request_can_reuse_the_key(api):
    key = str(uuid.uuid4())
    bad = application()
    bad["items"] = ["NOPE-999"]
    assert_problem(api.call("POST", "/api/v1/applications", bad, key=key), 422, "unknown_service")
    assert_problem(api.call("POST", "/api/v1/applications", bad, key=key), 422, "unknown_service")


def test_concurrent_requests_with_one_key_create_one_application(api, platform):
    before = count_apps(api)
    key = str(uuid.uuid4())
    barrier = threading.Barrier(6)
    answers = []

    def go() -> None:
        mine = Api(platform.url, api.kiosk_id, api.secret)
        barrier.wait()
        answers.append(mine.call("POST", "/api/v1/applications", application(), key=key))

    threads = [threading.Thread(target=go) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {r.status_code for r in answers} == {201}
    assert len({r.content for r in answers}) == 1
    assert count_apps(api) == before + 1


def test_same_key_and_body_on_another_resource_is_422(fresh_api):
    key = str(uuid.uuid4())
    body = {"materials": [{"code": "disability_assessment", "via": "commitment"}]}
    first = fresh_api.call("POST", "/api/v1/applications/SL20261026A0000004/supplements", body, key=key)
    assert first.status_code == 201
    assert_problem(fresh_api.call("POST", "/api/v1/applications/SL20261025A0000003/supplements", body, key=key),
                   422, "idempotency_key_reused")


def test_same_key_and_pdf_with_another_material_code_is_422(api):
    from tests.refplatform.test_endpoints import pdf_bytes
    key, pdf = str(uuid.uuid4()), pdf_bytes(1)
    first = api.call("POST", "/api/v1/uploads", raw=pdf, content_type="application/pdf", key=key,
                     headers={"X-Material-Code": "id_card"})
    assert first.status_code == 201
    again = api.call("POST", "/api/v1/uploads", raw=pdf, content_type="application/pdf", key=key,
                     headers={"X-Material-Code": "id_card"})
    assert again.content == first.content
    assert_problem(api.call("POST", "/api/v1/uploads", raw=pdf, content_type="application/pdf", key=key,
                            headers={"X-Material-Code": "hukou_book"}), 422, "idempotency_key_reused")
