"""Typed answers of the platform interface, built from JSON with a clear error on a bad shape."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from kiosk.platform_link.errors import PlatformProtocolError


class _Reader:
    """Checked access to one JSON object of one endpoint's answer."""

    def __init__(self, endpoint: str, data: Any) -> None:
        if not isinstance(data, dict):
            raise PlatformProtocolError(endpoint, f"expected a JSON object, got {type(data).__name__}")
        self.endpoint, self.data = endpoint, data

    def req(self, key: str, kind: type | tuple[type, ...] = str) -> Any:
        """A required field of the given type."""
        value = self.data.get(key)
        if value is None or not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise PlatformProtocolError(self.endpoint, f"field {key!r} missing or not {_name(kind)}")
        return value

    def opt(self, key: str, kind: type | tuple[type, ...] = str, default: Any = None) -> Any:
        """An optional field: default when absent or null, an error when of another type."""
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, kind):
            raise PlatformProtocolError(self.endpoint, f"field {key!r} is not {_name(kind)}")
        return value


def _name(kind: type | tuple[type, ...]) -> str:
    return " or ".join(k.__name__ for k in kind) if isinstance(kind, tuple) else kind.__name__


@dataclass(frozen=True)
class Health:
    """GET /health."""

    status: str
    time: str

    @classmethod
    def parse(cls, data: Any) -> "Health":
        """Build from JSON."""
        r = _Reader("GET /health", data)
        return cls(status=r.req("status"), time=str(r.req("time", (str, int, float))))


@dataclass(frozen=True)
class Identity:
    """POST /identity/verify: who the resident is to the platform (display name already masked)."""

    person_ref: str
    assurance: str
    display_name: str

    @classmethod
    def parse(cls, data: Any) -> "Identity":
        """Build from JSON."""
        r = _Reader("POST /identity/verify", data)
        return cls(r.req("person_ref"), r.req("assurance"), r.opt("display_name", default=""))


@dataclass(frozen=True)
class SharedData:
    """GET /persons/{ref}/shared-data: field name -> {value, source}."""

    fields: Mapping[str, Mapping[str, Any]]

    @classmethod
    def parse(cls, data: Any) -> "SharedData":
        """Build from JSON."""
        return cls(dict(_Reader("GET shared-data", data).req("fields", dict)))


@dataclass(frozen=True)
class Certificate:
    """One e-certificate (电子证照) the platform holds for a person."""

    cert_id: str
    type_code: str
    name: str
    issuer: str = ""
    issued_on: str | None = None
    valid_to: str | None = None

    @classmethod
    def parse_list(cls, data: Any) -> list["Certificate"]:
        """Build the list from JSON."""
        if not isinstance(data, list):
            raise PlatformProtocolError("GET certificates", "expected a JSON array")
        out = []
        for entry in data:
            r = _Reader("GET certificates", entry)
            out.append(cls(r.req("cert_id"), r.req("type_code"), r.req("name"),
                           r.opt("issuer", default=""), r.opt("issued_on"), r.opt("valid_to")))
        return out


@dataclass(frozen=True)
class Upload:
    """POST /uploads."""

    upload_id: str
    sha256: str
    pages: int | None

    @classmethod
    def parse(cls, data: Any) -> "Upload":
        """Build from JSON."""
        r = _Reader("POST /uploads", data)
        return cls(r.req("upload_id"), r.opt("sha256", default=""), r.opt("pages", int))


@dataclass(frozen=True)
class ApplicationReceipt:
    """POST /applications: accepted (with application number) or rejected with reasons."""

    application_no: str
    status: str
    received_at: str | None
    promised_date: str | None
    items: tuple[Mapping[str, Any], ...]
    reasons: tuple[Any, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def parse(cls, data: Any) -> "ApplicationReceipt":
        """Build from JSON."""
        r = _Reader("POST /applications", data)
        return cls(r.req("application_no"), r.req("status"), r.opt("received_at"),
                   r.opt("promised_date"), tuple(r.opt("items", list, [])),
                   tuple(r.opt("reasons", list, [])), dict(data))


@dataclass(frozen=True)
class ApplicationStatus:
    """GET /applications/{no}: progress, timeline, supplement request and result."""

    application_no: str
    status: str
    items: tuple[Mapping[str, Any], ...]
    timeline: tuple[Mapping[str, Any], ...]
    promised_date: str | None = None
    supplement: Mapping[str, Any] | None = None
    result: Mapping[str, Any] | None = None

    @classmethod
    def parse(cls, data: Any) -> "ApplicationStatus":
        """Build from JSON."""
        r = _Reader("GET /applications/{no}", data)
        return cls(r.req("application_no"), r.req("status"), tuple(r.opt("items", list, [])),
                   tuple(r.opt("timeline", list, [])), r.opt("promised_date"),
                   r.opt("supplement", dict), r.opt("result", dict))


def parse_summaries(data: Any) -> list[Mapping[str, Any]]:
    """GET /applications?person_ref=: a list (or {applications: [...]}) of summaries."""
    if isinstance(data, dict) and isinstance(data.get("applications"), list):
        data = data["applications"]
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise PlatformProtocolError("GET /applications", "expected a list of summaries")
    for entry in data:
        _Reader("GET /applications", entry).req("application_no")
    return list(data)


@dataclass(frozen=True)
class ResultInfo:
    """GET /results/{pickup_code}: what a pickup code releases and how."""

    application_no: str
    title: str
    delivery: str
    locker: Mapping[str, Any] | None = None
    document: Mapping[str, Any] | None = None
    courier: Mapping[str, Any] | None = None  # carrier, tracking_no, status

    @classmethod
    def parse(cls, data: Any) -> "ResultInfo":
        """Build from JSON."""
        r = _Reader("GET /results/{code}", data)
        return cls(r.req("application_no"), r.opt("title", default=""), r.req("delivery"),
                   r.opt("locker", dict), r.opt("document", dict), r.opt("courier", dict))


def parse_object(endpoint: str, data: Any) -> Mapping[str, Any]:
    """A plain JSON object answer (supplement, handover, evaluation)."""
    return dict(_Reader(endpoint, data).data)
