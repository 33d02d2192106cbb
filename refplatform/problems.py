"""RFC 9457 problem details: the registry of stable problem codes and their responses."""
from __future__ import annotations

import json

from starlette.responses import Response

PROBLEM_TYPE_BASE = "https://onetrip.example.gov.cn/problems/"
MEDIA_TYPE = "application/problem+json"

# code -> (HTTP status, title). The OpenAPI document lists exactly these codes (a test checks it).
PROBLEMS: dict[str, tuple[int, str]] = {
    "bad_request": (400, "The request is not valid HTTP for this server"),
    "malformed_json": (400, "The body is not valid UTF-8 JSON"),
    "idempotency_key_missing": (400, "Idempotency-Key header is required"),
    "idempotency_key_invalid": (400, "Idempotency-Key must be a UUID"),
    "material_code_missing": (400, "X-Material-Code header is required"),
    "signature_invalid": (401, "The request signature is missing or wrong"),
    "clock_skew": (401, "The request timestamp is too far from the server clock"),
    "nonce_replayed": (401, "The nonce was already used"),
    "not_owner": (403, "The result belongs to another person"),
    "not_found": (404, "No such resource"),
    "person_unknown": (404, "No person matches the identity data"),
    "application_unknown": (404, "No such application"),
    "pickup_code_unknown": (404, "No such pickup code"),
    "method_not_allowed": (405, "Method not allowed on this resource"),
    "already_collected": (409, "The result was already collected"),
    "already_rated": (409, "The application was already rated"),
    "supplement_not_required": (409, "The application does not wait for a supplement"),
    "already_collected_gone": (410, "The result was already collected"),
    "expired": (410, "The pickup code has expired"),
    "body_too_large": (413, "The request body is too large"),
    "unsupported_media_type": (415, "Wrong Content-Type for this endpoint"),
    "headers_too_large": (431, "The request headers are too large"),
    "validation_failed": (422, "The request body does not match the schema"),
    "idempotency_key_reused": (422, "The Idempotency-Key was used with a different body"),
    "unknown_service": (422, "Unknown service code"),
    "upload_unknown": (422, "Unknown upload id"),
    "certificate_unknown": (422, "Unknown certificate id for this person"),
    "reason_required": (422, "A low rating needs a reason or a comment"),
    "not_a_pdf": (422, "The upload is not a readable PDF"),
    "fault_injected": (500, "Injected fault (test switch)"),
    "internal_error": (500, "Internal server error"),
}

# Codes whose wire `code` differs from the registry key (410 vs 409 share the name already_collected).
WIRE_CODE = {"already_collected_gone": "already_collected"}


def wire_codes() -> set[str]:
    """All `code` values the server can put on the wire."""
    return {WIRE_CODE.get(k, k) for k in PROBLEMS}


class ProblemError(Exception):
    """Raised anywhere in a request to answer with a registered problem."""

    def __init__(self, key: str, detail: str, **extra: object) -> None:
        if key not in PROBLEMS:
            raise KeyError(f"unregistered problem code {key!r}")
        super().__init__(detail)
        self.key = key
        self.detail = detail
        self.extra = extra

    @property
    def status(self) -> int:
        """The HTTP status of this problem."""
        return PROBLEMS[self.key][0]

    def body(self, instance: str | None = None) -> dict:
        """The problem+json document."""
        code = WIRE_CODE.get(self.key, self.key)
        doc = {
            "type": PROBLEM_TYPE_BASE + code,
            "title": PROBLEMS[self.key][1],
            "status": self.status,
            "detail": self.detail,
            "code": code,
        }
        if instance:
            doc["instance"] = instance
        doc.update(self.extra)
        return doc

    def response(self, instance: str | None = None) -> Response:
        """A Starlette response carrying this problem."""
        return problem_response(self.status, self.body(instance))


def problem_response(status: int, body: dict, headers: dict | None = None) -> Response:
    """A problem+json response from an already built body."""
    return Response(
        json.dumps(body, ensure_ascii=False).encode("utf-8"),
        status_code=status,
        media_type=MEDIA_TYPE,
        headers=headers,
    )


def problem_bytes(key: str, detail: str) -> bytes:
    """The encoded problem body, for places below the ASGI app (protocol, middleware)."""
    return json.dumps(ProblemError(key, detail).body(), ensure_ascii=False).encode("utf-8")
