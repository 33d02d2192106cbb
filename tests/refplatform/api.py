"""A tiny signed HTTP helper for the reference platform tests (the kiosk's real client lives in kiosk/)."""
from __future__ import annotations

import json
import uuid

import requests

from refplatform.testing import signed_headers


class Api:
    """Signed calls to one server as one kiosk."""

    def __init__(self, url: str, kiosk_id: str, secret: str) -> None:
        self.url, self.kiosk_id, self.secret = url, kiosk_id, secret
        self.session = requests.Session()

    def call(self, method: str, path: str, body=None, *, key: str | None | bool = True,  # noqa: ANN001
             headers: dict | None = None, raw: bytes | None = None, content_type: str = "application/json",
             timestamp: int | None = None, nonce: str | None = None, secret: str | None = None,
             timeout: float = 30) -> requests.Response:
        """Sign and send; key=True makes a fresh Idempotency-Key for POSTs, a str uses that key."""
        data = raw if raw is not None else (json.dumps(body, ensure_ascii=False).encode() if body is not None else b"")
        hd = signed_headers(self.kiosk_id, secret or self.secret, method, path, data, timestamp, nonce)
        if data or body is not None:
            hd["Content-Type"] = content_type
        if method == "POST" and key:
            hd["Idempotency-Key"] = str(uuid.uuid4()) if key is True else key
        hd.update(headers or {})
        return self.session.request(method, self.url + path, data=data, headers=hd, timeout=timeout)


def assert_problem(resp: requests.Response, status: int, code: str) -> dict:
    """The response is an RFC 9457 problem with this status and code."""
    assert resp.status_code == status, (resp.status_code, resp.text[:500])
    assert resp.headers["content-type"].startswith("application/problem+json"), resp.headers
    doc = resp.json()
    assert doc["status"] == status and doc["code"] == code, doc
    assert doc["title"] and doc["detail"] and doc["type"].endswith(code)
    return doc
