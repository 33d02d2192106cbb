"""The /api/v1 endpoints: signature check, body parsing, idempotency, then the domain function."""
from __future__ import annotations

import json
from typing import Callable

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from refplatform import applications, auth, catalog_store, clock, db, idempotency, persons, results, uploads
from refplatform.models import ApplicationIn, EvaluationIn, HandoverIn, SupplementIn, VerifyIn, parse_json
from refplatform.problems import ProblemError

router = APIRouter(prefix="/api/v1")


def json_response(status: int, body: bytes | dict | list) -> Response:
    """A UTF-8 JSON response from a document or from stored bytes."""
    if not isinstance(body, bytes):
        body = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json")


def path_with_query(request: Request) -> str:
    """The request target exactly as sent on the wire (percent-encoded path, raw query)."""
    raw = request.scope.get("raw_path") or request.scope["path"].encode()
    query = request.scope.get("query_string") or b""
    target = raw.decode("latin-1")
    return target + ("?" + query.decode("latin-1") if query else "")


async def signed(request: Request) -> auth.SignedRequest:
    """Read the body and verify the kiosk signature (DB work off the event loop)."""
    body = await request.body()
    engine = request.app.state.engine
    return await run_in_threadpool(auth.verify, engine, request.method, path_with_query(request),
                                   request.headers, body)


async def read(request: Request, fn: Callable, *args) -> Response:  # noqa: ANN002
    """Run a read-only domain function in one connection and answer 200."""
    engine = db.reader(request.app.state.engine)

    def work():  # noqa: ANN202
        with engine.connect() as conn:
            return fn(conn, *args)

    return json_response(200, await run_in_threadpool(work))


async def create(request: Request, s: auth.SignedRequest, endpoint: str, fn: Callable,
                 extra_identity: str = "") -> Response:
    """Run a creating domain function under the request's Idempotency-Key; answer 201 (or the replay)."""
    key = request.headers.get("idempotency-key")
    idempotency.parse_key(key)
    target = path_with_query(request) + extra_identity

    def work():  # noqa: ANN202
        return idempotency.run(request.app.state.engine, s.kiosk_id, key, endpoint, s.body,
                               lambda conn: (201, fn(conn)), target)

    status, body = await run_in_threadpool(work)
    return json_response(status, body)


def _query(request: Request, name: str) -> str:
    value = request.query_params.get(name)
    if not value:
        raise ProblemError("validation_failed", f"query parameter {name} is required",
                           errors=[{"loc": ["query", name], "msg": "Field required"}])
    if len(value) > 40 or not value.isprintable():
        raise ProblemError("validation_failed", f"query parameter {name} is too long or has control characters",
                           errors=[{"loc": ["query", name], "msg": "invalid"}])
    return value


def _id(value: str, unknown: str, what: str) -> str:
    """A path identifier; one that cannot exist (too long, control characters) is simply unknown."""
    if len(value) > 40 or not value.isprintable():
        raise ProblemError(unknown, f"no {what} has this identifier")
    return value


@router.get("/health", name="health")
async def health() -> Response:
    """Liveness and server time; no signature."""
    now = clock.now()
    return json_response(200, {"status": "ok", "time": clock.iso(now), "unix_time": int(now.timestamp())})


@router.post("/identity/verify", name="identity_verify")
async def identity_verify(request: Request) -> Response:
    """Identify a resident from an ID card, passport, e-ID token or typed data."""
    s = await signed(request)
    req = parse_json(s.body, request.headers.get("content-type"), VerifyIn)
    return await read(request, persons.verify, req)


@router.get("/persons/{person_ref}/shared-data", name="persons_shared_data")
async def shared_data(request: Request, person_ref: str) -> Response:
    """The person's shared data fields."""
    await signed(request)
    return await read(request, persons.shared_data, _id(person_ref, "person_unknown", "person"))


@router.get("/persons/{person_ref}/certificates", name="persons_certificates")
async def certificates(request: Request, person_ref: str) -> Response:
    """The person's e-certificates."""
    await signed(request)
    return await read(request, persons.certificates, _id(person_ref, "person_unknown", "person"))


@router.post("/uploads", name="uploads_create")
async def upload(request: Request) -> Response:
    """Store a PDF material."""
    s = await signed(request)
    code = uploads.check_request(request.headers.get("content-type"), request.headers.get("x-material-code"))
    idempotency.parse_key(request.headers.get("idempotency-key"))
    pages = await run_in_threadpool(uploads.count_pages, s.body)
    return await create(request, s, "uploads_create",
                        lambda conn: uploads.store(conn, s.kiosk_id, code, s.body, pages), "\n" + code)


@router.post("/applications", name="applications_create")
async def create_application(request: Request) -> Response:
    """Submit an application."""
    s = await signed(request)
    idempotency.parse_key(request.headers.get("idempotency-key"))
    req = parse_json(s.body, request.headers.get("content-type"), ApplicationIn)
    services = request.app.state.services
    return await create(request, s, "applications_create",
                        lambda conn: applications.create(conn, services, req, s.kiosk_id))


@router.get("/applications", name="applications_list")
async def list_applications(request: Request) -> Response:
    """Summaries of one person's applications."""
    await signed(request)
    return await read(request, applications.list_for, _query(request, "person_ref"))


@router.get("/applications/{application_no}", name="applications_get")
async def get_application(request: Request, application_no: str) -> Response:
    """One application with its timeline."""
    await signed(request)
    return await read(request, applications.detail, _id(application_no, "application_unknown", "application"))


@router.post("/applications/{application_no}/supplements", name="supplements_create")
async def add_supplement(request: Request, application_no: str) -> Response:
    """Hand in supplementary materials (补正)."""
    s = await signed(request)
    idempotency.parse_key(request.headers.get("idempotency-key"))
    req = parse_json(s.body, request.headers.get("content-type"), SupplementIn)
    _id(application_no, "application_unknown", "application")
    return await create(request, s, "supplements_create",
                        lambda conn: applications.supplement(conn, application_no, req))


@router.get("/results/{pickup_code}", name="results_get")
async def get_result(request: Request, pickup_code: str) -> Response:
    """A result ready for pickup, for its owner."""
    await signed(request)
    return await read(request, results.get, _id(pickup_code, "pickup_code_unknown", "result"),
                      _query(request, "person_ref"))


@router.post("/results/{pickup_code}/handover", name="results_handover")
async def handover(request: Request, pickup_code: str) -> Response:
    """Record that the kiosk handed the result over (exactly once)."""
    s = await signed(request)
    idempotency.parse_key(request.headers.get("idempotency-key"))
    req = parse_json(s.body, request.headers.get("content-type"), HandoverIn)
    _id(pickup_code, "pickup_code_unknown", "result")
    return await create(request, s, "results_handover", lambda conn: results.handover(conn, pickup_code, req))


@router.post("/evaluations", name="evaluations_create")
async def evaluate(request: Request) -> Response:
    """Rate an application (好差评)."""
    s = await signed(request)
    idempotency.parse_key(request.headers.get("idempotency-key"))
    req = parse_json(s.body, request.headers.get("content-type"), EvaluationIn)
    return await create(request, s, "evaluations_create", lambda conn: results.evaluate(conn, req, s.kiosk_id))


@router.get("/catalog", name="catalog_get")
async def get_catalog(request: Request) -> Response:
    """The published service catalog: the whole of it when `since` is not the current version."""
    await signed(request)
    try:
        since = catalog_store.parse_since(request.query_params.get("since"))
    except ValueError as exc:
        raise ProblemError("validation_failed", str(exc),
                           errors=[{"loc": ["query", "since"], "msg": "invalid"}]) from None
    return json_response(200, request.app.state.catalog.answer(since))
