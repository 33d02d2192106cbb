"""RFC 9457 problem details: parse whatever a platform answered into one typed Problem, never raising."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

_STANDARD = ("type", "title", "status", "detail", "instance", "code")
_MAX_TEXT = 500  # a hostile or broken server must not flood logs or screens


@dataclass(frozen=True)
class Problem:
    """One problem answer: the HTTP status and the spec's stable `code`, plus the RFC 9457 members."""

    status: int
    code: str
    title: str = ""
    detail: str = ""
    type: str = "about:blank"
    instance: str | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict)


def _text(value: Any) -> str:
    return value[:_MAX_TEXT] if isinstance(value, str) else ""


def parse_problem(status: int, content_type: str | None, body: bytes | str | None) -> Problem:
    """Build a Problem from an error response; unknown shapes get code `http_<status>`."""
    fallback = f"http_{status}"
    data: Any = None
    if body:
        try:
            data = json.loads(body)
        except (ValueError, TypeError, RecursionError):
            data = None
    if not isinstance(data, dict):
        snippet = body.decode("utf-8", "replace") if isinstance(body, bytes) else (body or "")
        kind = (content_type or "").split(";")[0].strip() or "no content type"
        return Problem(status=status, code=fallback,
                       detail=_text(f"non-problem answer ({kind}): {snippet.strip()[:200]}"))
    code = data.get("code")
    if not isinstance(code, str) or not code.strip():
        code = fallback
    # RFC 9457: the HTTP status is authoritative when the member disagrees or is not a number
    ptype = data.get("type")
    instance = data.get("instance")
    return Problem(status=status, code=code[:100], title=_text(data.get("title")),
                   detail=_text(data.get("detail")),
                   type=ptype if isinstance(ptype, str) and ptype else "about:blank",
                   instance=instance if isinstance(instance, str) else None,
                   extensions={k: v for k, v in data.items() if k not in _STANDARD})
