"""Hypothesis fuzz of every documented endpoint: malformed bodies, content types and headers never get a 5xx."""
from __future__ import annotations

import json
import urllib.parse
import uuid

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refplatform.problems import wire_codes
from refplatform.testing import signed_headers
from tests.refplatform.conftest import IDS, PEOPLE
from tests.refplatform.test_openapi import DOC

OPERATIONS = [(m.upper(), path) for path, item in DOC["paths"].items() for m in item
              if m in ("get", "post", "put") and not path.startswith("/_test")]
CODES = wire_codes()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12)
plausible_values = st.one_of(json_values, st.sampled_from(
    list(PEOPLE.values()) + list(filter(None, IDS.values())) + ["HRSS-001", "PSB-003", "id_card", "EC-ZHANG-ID",
                                                                 "print", "locker", "kiosk_print", "e_id", "typed"]))
FIELDS = ["method", "id_number", "name", "document_number", "nationality", "e_id_token", "items", "bundle",
          "person_ref", "form", "materials", "delivery", "contact_phone", "via", "kiosk_id", "application_no",
          "level", "reasons", "comment", "code", "cert_id", "upload_id"]
objects = st.dictionaries(st.sampled_from(FIELDS), plausible_values | st.lists(
    st.dictionaries(st.sampled_from(FIELDS), plausible_values, max_size=4), max_size=3), max_size=8)
bodies = st.one_of(
    objects.map(lambda d: json.dumps(d).encode()),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=600),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.sampled_from([b"", b"{", b'{"a": 1,}', b"\xff\xfe{}", b"[" * 5000 + b"]" * 5000, b"%PDF-1.4\n%%EOF",
                     b'{"method": NaN}', b"\xed\xa0\x80"]),
)
content_types = st.sampled_from([None, "application/json", "application/json; charset=utf-8",
                                 "application/json; charset=latin-1", "text/plain", "application/pdf",
                                 "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*;;"])
# requests refuses to send values that start with Unicode whitespace (NBSP, NEL): not the server's job
header_text = st.text(st.characters(min_codepoint=0x21, max_codepoint=0xFF, exclude_characters="\x85\xa0"),
                      min_size=0, max_size=60)
headers = st.dictionaries(st.sampled_from(["Idempotency-Key", "X-Material-Code", "X-Timestamp", "X-Nonce",
                                           "X-Kiosk-Id", "Accept", "X-Signature"]), header_text, max_size=3)
path_parts = st.one_of(st.sampled_from(["31415926", "SL20261026A0000004", PEOPLE["zhang"], "", "..", "%00"]),
                       st.text(max_size=30))


@pytest.fixture(scope="module")
def target(fresh_platform):
    """The fresh server, a kiosk on it and one keep-alive session."""
    return fresh_platform.url, "K-FUZZ", fresh_platform.add_kiosk("K-FUZZ"), requests.Session()


@pytest.mark.parametrize("method,template", OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_5xx_and_problem_bodies(target, method, template):
    url, kiosk, secret, session = target

    @settings(max_examples=100, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(body=bodies, ctype=content_types, extra=headers, part=path_parts, query=st.one_of(
        st.none(), st.sampled_from([f"person_ref={PEOPLE['zhang']}", "person_ref=", "a=b"]), st.text(max_size=20)),
        sign=st.sampled_from([True, True, True, False]), key=st.sampled_from([True, True, False]))
    def run(body, ctype, extra, part, query, sign, key):  # noqa: ANN001
        path = template
        for name in ("{person_ref}", "{application_no}", "{pickup_code}"):
            path = path.replace(name, urllib.parse.quote(part, safe="") or "x")
        if query is not None:
            path += "?" + urllib.parse.quote(query, safe="=&")
        hd = {}
        if sign:
            hd.update(signed_headers(kiosk, secret, method, path, body))
        if key and method == "POST":
            hd["Idempotency-Key"] = str(uuid.uuid4())
        if ctype:
            hd["Content-Type"] = ctype
        hd.update(extra)
        resp = session.request(method, url + path, data=body, headers=hd, timeout=30)
        assert resp.status_code < 500, (resp.status_code, resp.text[:300])
        if resp.status_code >= 400:
            assert resp.headers["content-type"].startswith("application/problem+json"), resp.headers
            doc = resp.json()
            assert doc["code"] in CODES and doc["status"] == resp.status_code
            assert "Traceback" not in resp.text

    run()
