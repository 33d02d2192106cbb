"""The RFC 9457 problem parser never raises and always yields a stable code."""
from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from kiosk.platform_link.problem import parse_problem

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                           | st.text(), lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=10)


@settings(deadline=None, max_examples=60)  # a loaded CI machine must not make it flaky
@given(st.integers(400, 599), st.one_of(st.none(), st.text(max_size=40)), st.binary(max_size=300))
def test_any_bytes_give_a_problem(status, ctype, body):
    p = parse_problem(status, ctype, body)
    assert p.status == status and isinstance(p.code, str) and p.code
    assert len(p.detail) <= 500


@settings(deadline=None, max_examples=60)  # a loaded CI machine must not make it flaky
@given(st.integers(400, 599), json_values)
def test_any_json_gives_a_problem(status, value):
    p = parse_problem(status, "application/problem+json", json.dumps(value).encode())
    assert p.status == status and p.code
    if not (isinstance(value, dict) and isinstance(value.get("code"), str) and value["code"].strip()):
        assert p.code == f"http_{status}"


@settings(deadline=None, max_examples=60)  # a loaded CI machine must not make it flaky
@given(st.integers(400, 599), st.text(min_size=1, max_size=40).filter(str.strip), st.text(max_size=80),
       st.dictionaries(st.sampled_from(["invalid_fields", "retry_after", "x"]), st.integers(), max_size=2))
def test_well_formed_problem_round_trips(status, code, detail, extra):
    doc = {"type": "https://example.org/p", "title": "T", "status": 999, "detail": detail,
           "code": code, **extra}
    p = parse_problem(status, "application/problem+json",
                      json.dumps(doc, ensure_ascii=False).encode())
    # the HTTP status wins over a disagreeing member (RFC 9457 §3.1.2)
    assert (p.status, p.code, p.detail, p.title, p.type) == (status, code, detail, "T", doc["type"])
    assert dict(p.extensions) == extra


def test_html_error_page_is_named_as_such():
    p = parse_problem(502, "text/html", b"<html>Bad gateway</html>")
    assert p.code == "http_502" and "text/html" in p.detail and "Bad gateway" in p.detail
