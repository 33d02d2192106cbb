"""Signed requests: HMAC over method, path+query, timestamp, nonce and body hash; skew; replay."""
from __future__ import annotations

import secrets
import time

import requests

from refplatform.testing import signed_headers
from tests.refplatform.api import Api, assert_problem
from tests.refplatform.conftest import PEOPLE

SHARED = f"/api/v1/persons/{PEOPLE['zhang']}/shared-data"


def test_health_needs_no_signature_and_reports_server_time(platform):
    resp = requests.get(platform.url + "/api/v1/health", timeout=10)
    assert resp.status_code == 200
    doc = resp.json()
    assert doc["status"] == "ok" and abs(doc["unix_time"] - time.time()) < 60 and doc["time"].endswith("Z")


def test_correctly_signed_request_is_accepted(api):
    assert api.call("GET", SHARED).status_code == 200


def test_unsigned_request_names_the_missing_header(platform):
    doc = assert_problem(requests.get(platform.url + SHARED, timeout=10), 401, "signature_invalid")
    assert "X-Kiosk-Id" in doc["detail"]


def test_wrong_secret_is_rejected(api):
    assert_problem(api.call("GET", SHARED, secret="not-the-secret"), 401, "signature_invalid")


def test_unknown_kiosk_is_rejected(platform):
    other = Api(platform.url, "K-NEVER-REGISTERED", "whatever")
    doc = assert_problem(other.call("GET", SHARED), 401, "signature_invalid")
    assert "unknown kiosk" in doc["detail"]


def test_signature_covers_body_path_and_query(api):
    body = b'{"method": "e_id", "e_id_token": "EID-SAMPLE-ZHANG-0001"}'
    hd = signed_headers(api.kiosk_id, api.secret, "POST", "/api/v1/identity/verify", body)
    hd["Content-Type"] = "application/json"
    ok = requests.post(api.url + "/api/v1/identity/verify", data=body, headers=hd, timeout=10)
    assert ok.status_code == 200
    hd = signed_headers(api.kiosk_id, api.secret, "POST", "/api/v1/identity/verify", body)
    hd["Content-Type"] = "application/json"
    tampered = requests.post(api.url + "/api/v1/identity/verify", data=body.replace(b"e_id", b"e_iD", 1),
                             headers=hd, timeout=10)
    assert_problem(tampered, 401, "signature_invalid")
    path = f"/api/v1/applications?person_ref={PEOPLE['zhang']}"
    hd = signed_headers(api.kiosk_id, api.secret, "GET", path)
    other_query = requests.get(api.url + f"/api/v1/applications?person_ref={PEOPLE['li']}", headers=hd, timeout=10)
    assert_problem(other_query, 401, "signature_invalid")
    hd = signed_headers(api.kiosk_id, api.secret, "GET", path)
    assert requests.get(api.url + path, headers=hd, timeout=10).status_code == 200


def test_method_is_signed(api):
    hd = signed_headers(api.kiosk_id, api.secret, "POST", SHARED)
    assert_problem(requests.get(api.url + SHARED, headers=hd, timeout=10), 401, "signature_invalid")


def test_clock_skew_beyond_300_s_is_refused_both_ways(api):
    now = int(time.time())
    for ts in (now - 330, now + 330):
        doc = assert_problem(api.call("GET", SHARED, timestamp=ts), 401, "clock_skew")
        assert abs(doc["server_time"] - now) < 60
    assert api.call("GET", SHARED, timestamp=now - 240).status_code == 200
    assert api.call("GET", SHARED, timestamp=now + 240).status_code == 200


def test_replayed_nonce_is_refused_even_with_a_fresh_signature(api):
    nonce = secrets.token_hex(12)
    assert api.call("GET", SHARED, nonce=nonce).status_code == 200
    assert_problem(api.call("GET", SHARED, nonce=nonce), 401, "nonce_replayed")
    assert_problem(api.call("GET", SHARED.replace("shared-data", "certificates"), nonce=nonce),
                   401, "nonce_replayed")


def test_exact_replay_of_a_captured_request_is_refused(api):
    hd = signed_headers(api.kiosk_id, api.secret, "GET", SHARED)
    assert requests.get(api.url + SHARED, headers=hd, timeout=10).status_code == 200
    assert_problem(requests.get(api.url + SHARED, headers=hd, timeout=10), 401, "nonce_replayed")


def test_nonce_of_a_request_with_a_bad_signature_is_not_burnt(api):
    nonce = secrets.token_hex(12)
    assert_problem(api.call("GET", SHARED, nonce=nonce, secret="wrong"), 401, "signature_invalid")
    assert api.call("GET", SHARED, nonce=nonce).status_code == 200


def test_malformed_signature_headers(api):
    assert_problem(api.call("GET", SHARED, nonce="short"), 401, "signature_invalid")
    hd = signed_headers(api.kiosk_id, api.secret, "GET", SHARED)
    hd["X-Timestamp"] = "12.5"
    assert_problem(requests.get(api.url + SHARED, headers=hd, timeout=10), 401, "signature_invalid")
    hd = signed_headers(api.kiosk_id, api.secret, "GET", SHARED)
    hd["X-Signature"] = hd["X-Signature"].upper()  # hex case does not matter
    assert requests.get(api.url + SHARED, headers=hd, timeout=10).status_code == 200


def test_re_keying_a_kiosk_invalidates_the_old_secret(platform):
    first = platform.add_kiosk("K-REKEY", via_cli=True)  # the real command line, while the server runs
    second = platform.add_kiosk("K-REKEY", via_cli=True)
    assert first != second and len(second) >= 40
    assert_problem(Api(platform.url, "K-REKEY", first).call("GET", SHARED), 401, "signature_invalid")
    assert Api(platform.url, "K-REKEY", second).call("GET", SHARED).status_code == 200
