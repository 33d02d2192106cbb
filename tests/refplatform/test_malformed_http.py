"""Malformed HTTP and bodies on the wire: always a specific problem+json, never a 5xx or a trace."""
from __future__ import annotations

import json
import socket
from urllib.parse import urlparse

import pytest

from refplatform.testing import signed_headers
from tests.refplatform.api import assert_problem


def raw(url: str, data: bytes) -> tuple[int, dict, bytes]:
    """Send raw bytes, read the whole answer (the server closes or we stop at Content-Length)."""
    u = urlparse(url)
    with socket.create_connection((u.hostname, u.port), timeout=15) as s:
        s.sendall(data)
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
        head, _, body = buf.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        if "content-length" in headers:
            while len(body) < int(headers["content-length"]):
                chunk = s.recv(65536)
                if not chunk:
                    break
                body += chunk
        else:
            while chunk := s.recv(65536):
                body += chunk
    return int(lines[0].split()[1]), headers, body


def problem(status_headers_body, status: int, code: str) -> dict:
    got, headers, body = status_headers_body
    assert got == status, (got, body[:300])
    assert headers["content-type"].startswith("application/problem+json")
    doc = json.loads(body)
    assert doc["code"] == code and b"Traceback" not in body
    return doc


def test_garbage_is_a_400_problem(platform):
    problem(raw(platform.url, b"HELLO THERE\r\n\r\n"), 400, "bad_request")


def test_non_ascii_request_target_is_a_400_problem(platform):
    problem(raw(platform.url, "GET /api/v1/health/é HTTP/1.1\r\nHost: x\r\n\r\n".encode("utf-8")), 400, "bad_request")


def test_huge_headers(platform):
    big = b"X-Pad: " + b"a" * 20000 + b"\r\n"
    problem(raw(platform.url, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n" + big + b"\r\n"), 431, "headers_too_large")
    huge = b"X-Pad: " + b"a" * 200000 + b"\r\n"
    problem(raw(platform.url, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n" + huge + b"\r\n"), 400, "bad_request")


def test_bad_content_length_is_a_400_problem(platform):
    problem(raw(platform.url, b"POST /api/v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"),
            400, "bad_request")


@pytest.mark.parametrize("chunked", [False, True])
def test_oversized_json_body_is_413(platform, chunked):
    body = b'{"comment": "' + b"x" * (300 * 1024) + b'"}'
    if chunked:
        framing = b"Transfer-Encoding: chunked\r\n\r\n" + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    else:
        framing = b"Content-Length: %d\r\n\r\n" % len(body) + body
    head = b"POST /api/v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    problem(raw(platform.url, head + framing), 413, "body_too_large")


def test_bodies_that_are_not_utf8_json(api):
    path = "/api/v1/identity/verify"
    doc = assert_problem(api.call("POST", path, raw=b'{"method": "\xff"}'), 400, "malformed_json")
    assert "UTF-8" in doc["detail"]
    doc = assert_problem(api.call("POST", path, raw=b'{"method": "e_id",'), 400, "malformed_json")
    assert "line 1" in doc["detail"]
    assert_problem(api.call("POST", path, raw=b"[" * 20000 + b"]" * 20000), 400, "malformed_json")
    assert_problem(api.call("POST", path, raw=b'"just a string"'), 422, "validation_failed")
    assert_problem(api.call("POST", path, raw=b'{"method": "e_id"}', content_type="text/plain"),
                   415, "unsupported_media_type")
    assert_problem(api.call("POST", path, raw=b'{"method": "e_id"}', content_type="application/json; charset=gbk"),
                   415, "unsupported_media_type")


def test_validation_errors_do_not_echo_personal_data(api):
    secret_name = "王小明很私密"
    resp = api.call("POST", "/api/v1/identity/verify", {"method": "typed", "name": secret_name * 20,
                                                        "id_number": "1" * 30})
    assert_problem(resp, 422, "validation_failed")
    assert secret_name not in resp.text and "1" * 18 not in resp.text


def test_signed_request_with_duplicate_idempotency_headers_is_still_a_problem(api):
    body = json.dumps({"application_no": "SL20261015A0000005", "level": 9}).encode()
    hd = signed_headers(api.kiosk_id, api.secret, "POST", "/api/v1/evaluations", body)
    lines = "".join(f"{k}: {v}\r\n" for k, v in hd.items())
    req = ("POST /api/v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Idempotency-Key: 3b241101-e2bb-4255-8caf-4136c566a962\r\nIdempotency-Key: zzz\r\n"
           f"{lines}Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
    got = raw(api.url, req)
    assert got[0] < 500 and json.loads(got[2])["code"]
