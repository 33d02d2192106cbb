"""Request body schemas and the strict JSON body parser (content type, UTF-8, JSON, schema)."""
from __future__ import annotations

import json
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from refplatform.problems import ProblemError

Short = Field(min_length=1, max_length=64)
T = TypeVar("T", bound=BaseModel)


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class VerifyIn(_In):
    """POST /identity/verify body."""

    method: Literal["id_card", "passport", "e_id", "typed"]
    id_number: str | None = Field(None, max_length=18)
    name: str | None = Field(None, max_length=100)
    document_number: str | None = Field(None, max_length=20)
    nationality: str | None = Field(None, max_length=3)
    e_id_token: str | None = Field(None, max_length=80)


class MaterialIn(_In):
    """One material of an application or supplement."""

    code: str = Short
    via: Literal["certificate", "upload", "commitment", "deferred"]
    cert_id: str | None = Field(None, max_length=40)
    upload_id: str | None = Field(None, max_length=40)


class ApplicationIn(_In):
    """POST /applications body."""

    items: list[str] = Field(min_length=1, max_length=20)
    bundle: str | None = Field(None, max_length=64)
    person_ref: str = Field(min_length=1, max_length=40)
    form: dict[str, Any] = Field(default_factory=dict, max_length=200)
    materials: list[MaterialIn] = Field(default_factory=list, max_length=100)
    delivery: Literal["kiosk_print", "locker", "courier", "window"]
    contact_phone: str = Field(pattern=r"^\+?[0-9][0-9 -]{4,19}$")


class SupplementIn(_In):
    """POST /applications/{no}/supplements body."""

    materials: list[MaterialIn] = Field(min_length=1, max_length=100)


class HandoverIn(_In):
    """POST /results/{pickup_code}/handover body."""

    person_ref: str = Field(min_length=1, max_length=40)
    via: Literal["print", "locker"]
    kiosk_id: str = Short


class EvaluationIn(_In):
    """POST /evaluations body."""

    application_no: str = Field(min_length=1, max_length=32)
    level: StrictInt = Field(ge=1, le=5)
    reasons: list[str] = Field(default_factory=list, max_length=20)
    comment: str | None = Field(None, max_length=500)


def _has_nul(value: Any, depth: int = 0) -> bool:
    """True when a string (or key) anywhere in parsed JSON holds a NUL character, which databases refuse."""
    if isinstance(value, str):
        return "\x00" in value
    if depth > 64:
        return False
    if isinstance(value, dict):
        return any(_has_nul(k, depth + 1) or _has_nul(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v, depth + 1) for v in value)
    return False


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    parts = [p.strip() for p in (content_type or "").split(";")]
    charset = None
    for p in parts[1:]:
        if p.lower().startswith("charset="):
            charset = p[8:].strip('"').lower()
    return parts[0].lower(), charset


def parse_json(body: bytes, content_type: str | None, model: type[T]) -> T:
    """Parse a JSON body into model, raising 415/400/422 problems that say what is wrong."""
    media, charset = _media_type(content_type)
    if media != "application/json":
        raise ProblemError("unsupported_media_type", f"Content-Type must be application/json, "
                           f"not {media[:60] or 'missing'}")
    if charset not in (None, "utf-8", "utf8"):
        raise ProblemError("unsupported_media_type", "JSON bodies must be UTF-8 (charset=utf-8)")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProblemError("malformed_json", f"body is not valid UTF-8 (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemError("malformed_json", f"body is not JSON: {exc.msg} at line {exc.lineno} "
                           f"column {exc.colno}") from None
    except RecursionError:
        raise ProblemError("malformed_json", "body JSON is nested too deeply") from None
    if _has_nul(data):
        raise ProblemError("validation_failed", "strings must not contain NUL (\\u0000) characters",
                           errors=[{"loc": [], "msg": "NUL character"}])
    if not isinstance(data, dict):
        raise ProblemError("validation_failed", "body must be a JSON object",
                           errors=[{"loc": [], "msg": "expected an object"}])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # loc and msg only: pydantic's "input" could echo personal data back.
        errors = [{"loc": [str(p) for p in e["loc"]], "msg": e["msg"]} for e in exc.errors()[:20]]
        first = errors[0]
        where = ".".join(first["loc"]) or "body"
        raise ProblemError("validation_failed", f"{where}: {first['msg']}", errors=errors) from None
    except RecursionError:
        raise ProblemError("malformed_json", "body JSON is nested too deeply") from None
