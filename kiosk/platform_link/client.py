"""The platform client: one requests.Session, signed requests, safe retries, typed results."""
from __future__ import annotations

import json
import logging
import random
import time
import uuid
from typing import TYPE_CHECKING, Any, Callable, Mapping
from urllib.parse import quote

from kiosk.platform_link import results as r
from kiosk.platform_link.errors import (PlatformFault, PlatformProtocolError, PlatformRejected,
                                        PlatformUnreachable)
from kiosk.platform_link.problem import parse_problem
from kiosk.platform_link.signing import signed_headers

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"

# name -> (method, path template under /api/v1); a contract test compares it with /openapi.json
ENDPOINTS: dict[str, tuple[str, str]] = {
    "health": ("GET", "/health"),
    "verify_identity": ("POST", "/identity/verify"),
    "shared_data": ("GET", "/persons/{person_ref}/shared-data"),
    "certificates": ("GET", "/persons/{person_ref}/certificates"),
    "upload": ("POST", "/uploads"),
    "submit_application": ("POST", "/applications"),
    "get_application": ("GET", "/applications/{application_no}"),
    "list_applications": ("GET", "/applications"),
    "submit_supplement": ("POST", "/applications/{application_no}/supplements"),
    "get_result": ("GET", "/results/{pickup_code}"),
    "handover": ("POST", "/results/{pickup_code}/handover"),
    "evaluate": ("POST", "/evaluations"),
    "catalog": ("GET", "/catalog"),
}


def _no_answer() -> tuple[type[Exception], ...]:
    """Errors meaning no (complete) answer arrived: the request may or may not have been processed."""
    import requests  # imported on first use: ~0.3 s that the kiosk's first frame does not need
    return (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError)


# POSTs that only look something up: repeating them changes nothing, so they may be retried
_READ_ONLY_POSTS = {"verify_identity"}


def encode_json(body: Any) -> bytes:
    """Deterministic UTF-8 JSON, so a retry with the same Idempotency-Key sends the same bytes."""
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


class PlatformClient:
    """Signed calls to the platform; one method per endpoint of the interface (issue 9)."""

    def __init__(self, url: str, kiosk_id: str, secret: bytes, *, ca_file: str | None = None,
                 connect_timeout: float = 3.0, read_timeout: float = 10.0, retries: int = 2,
                 backoff_s: float = 0.25, backoff_max_s: float = 4.0,
                 clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        root = url.rstrip("/")
        self.base = root if root.endswith(API_PREFIX) else root + API_PREFIX
        self.kiosk_id, self._secret = kiosk_id, secret
        self.timeout = (connect_timeout, read_timeout)
        self.retries, self.backoff_s, self.backoff_max_s = retries, backoff_s, backoff_max_s
        self._clock, self._sleep = clock, sleep
        self.verify: str | bool = ca_file or True
        import requests  # see _no_answer
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": "onetrip-kiosk/0.1",
                                     "Accept": "application/json, application/problem+json"})

    @classmethod
    def from_config(cls, platform: Any, **options: Any) -> "PlatformClient":
        """A client for a kiosk.config PlatformConfig (reads its secret file: SecretFileError if bad)."""
        from kiosk.platform_link.secret import read_secret
        return cls(platform.url, platform.kiosk_id, read_secret(platform.secret_file),
                   ca_file=str(platform.ca_file) if platform.ca_file else None, **options)

    def close(self) -> None:
        """Close the session's connections."""
        self.session.close()

    # -- transport --------------------------------------------------------------------------
    def _delay(self, attempt: int) -> float:
        return min(self.backoff_max_s, self.backoff_s * 2 ** attempt) * random.uniform(0.5, 1.0)

    def call(self, name: str, *, path: Mapping[str, str] | None = None,
             query: Mapping[str, str] | None = None, body: bytes = b"",
             content_type: str | None = None, idempotency_key: str | None = None,
             headers: Mapping[str, str] | None = None) -> requests.Response:
        """Send one signed request to endpoint `name`; retry only when it is safe; raise typed errors."""
        method, template = ENDPOINTS[name]
        target = self.base + template.format(**{k: quote(str(v), safe="")
                                                for k, v in (path or {}).items()})
        safe = method == "GET" or name in _READ_ONLY_POSTS or idempotency_key is not None
        extra = dict(headers or {})
        if content_type:
            extra["Content-Type"] = content_type
        if idempotency_key:
            extra["Idempotency-Key"] = idempotency_key
        attempts = 1 + (self.retries if safe else 0)
        import requests  # see _no_answer
        no_answer = _no_answer()
        error: Exception | None = None
        for attempt in range(attempts):
            if attempt:
                self._sleep(self._delay(attempt - 1))
            prepared = self.session.prepare_request(
                requests.Request(method, target, params=dict(query or {}), data=body or None,
                                 headers=extra))
            if name != "health":  # a fresh nonce and timestamp on every attempt
                prepared.headers.update(signed_headers(self.kiosk_id, self._secret, method,
                                                       prepared.path_url, body, now=self._clock()))
            try:
                resp = self.session.send(prepared, timeout=self.timeout, verify=self.verify,
                                         allow_redirects=False)
            except no_answer as exc:
                error = PlatformUnreachable(self.base, f"{type(exc).__name__}: {_short(exc)}")
                log.info("platform %s %s attempt %d: %s", method, template, attempt + 1, error.reason)
                continue
            except requests.RequestException as exc:
                raise PlatformUnreachable(self.base, f"{type(exc).__name__}: {_short(exc)}") from None
            if resp.status_code < 400:
                return resp
            problem = parse_problem(resp.status_code, resp.headers.get("Content-Type"), resp.content)
            if resp.status_code >= 500:
                error = PlatformFault(problem)
                log.info("platform %s %s attempt %d: %s", method, template, attempt + 1, error)
                continue
            raise PlatformRejected(problem)
        assert error is not None
        raise error

    def _json(self, name: str, **kw: Any) -> Any:
        resp = self.call(name, **kw)
        if not resp.content:  # e.g. a bare 201
            return {}
        try:
            return resp.json()
        except ValueError:
            method, template = ENDPOINTS[name]
            raise PlatformProtocolError(f"{method} {template}",
                                        f"not JSON ({resp.headers.get('Content-Type')})") from None

    def _post(self, name: str, payload: Any, key: str | None, **kw: Any) -> Any:
        return self._json(name, body=encode_json(payload), content_type="application/json",
                          idempotency_key=key or str(uuid.uuid4()), **kw)

    # -- endpoints ----------------------------------------------------------------------------
    def health(self) -> r.Health:
        """GET /health (unsigned)."""
        return r.Health.parse(self._json("health"))

    def verify_identity(self, **fields: Any) -> r.Identity:
        """POST /identity/verify with method and document fields; 404 person_unknown is rejected."""
        data = {k: v for k, v in fields.items() if v is not None}
        return r.Identity.parse(self._json("verify_identity", body=encode_json(data),
                                           content_type="application/json"))

    def shared_data(self, person_ref: str) -> r.SharedData:
        """GET /persons/{person_ref}/shared-data."""
        return r.SharedData.parse(self._json("shared_data", path={"person_ref": person_ref}))

    def certificates(self, person_ref: str) -> list[r.Certificate]:
        """GET /persons/{person_ref}/certificates."""
        return r.Certificate.parse_list(self._json("certificates", path={"person_ref": person_ref}))

    def upload(self, pdf: bytes, material_code: str, idempotency_key: str | None = None) -> r.Upload:
        """POST /uploads with a PDF body; the key makes a repeated upload return the first upload_id."""
        return r.Upload.parse(self._json(
            "upload", body=pdf, content_type="application/pdf",
            idempotency_key=idempotency_key or str(uuid.uuid4()),
            headers={"X-Material-Code": material_code}))

    def submit_application(self, application: Mapping[str, Any],
                           idempotency_key: str | None = None) -> r.ApplicationReceipt:
        """POST /applications; the same key and body on a retry never creates a second application."""
        return r.ApplicationReceipt.parse(self._post("submit_application", application,
                                                     idempotency_key))

    def get_application(self, application_no: str) -> r.ApplicationStatus:
        """GET /applications/{application_no}."""
        return r.ApplicationStatus.parse(self._json("get_application",
                                                    path={"application_no": application_no}))

    def list_applications(self, person_ref: str) -> list[Mapping[str, Any]]:
        """GET /applications?person_ref=: that person's application summaries."""
        return r.parse_summaries(self._json("list_applications", query={"person_ref": person_ref}))

    def submit_supplement(self, application_no: str, materials: list[Mapping[str, Any]],
                          idempotency_key: str | None = None) -> Mapping[str, Any]:
        """POST /applications/{no}/supplements (补正)."""
        return r.parse_object("POST supplements", self._post(
            "submit_supplement", {"materials": list(materials)}, idempotency_key,
            path={"application_no": application_no}))

    def get_result(self, pickup_code: str, person_ref: str) -> r.ResultInfo:
        """GET /results/{pickup_code}?person_ref=; 403 not_owner, 410 already_collected/expired."""
        return r.ResultInfo.parse(self._json("get_result", path={"pickup_code": pickup_code},
                                             query={"person_ref": person_ref}))

    def handover(self, pickup_code: str, person_ref: str, via: str,
                 idempotency_key: str | None = None) -> Mapping[str, Any]:
        """POST /results/{pickup_code}/handover; a second handover is 409 already_collected."""
        return r.parse_object("POST handover", self._post(
            "handover", {"person_ref": person_ref, "via": via, "kiosk_id": self.kiosk_id},
            idempotency_key, path={"pickup_code": pickup_code}))

    def evaluate(self, evaluation: Mapping[str, Any],
                 idempotency_key: str | None = None) -> Mapping[str, Any]:
        """POST /evaluations (好差评); a second rating of one application is 409 already_rated."""
        data = self._post("evaluate", evaluation, idempotency_key)
        return r.parse_object("POST /evaluations", data if isinstance(data, dict) else {})


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 200 else text[:200] + "…"
