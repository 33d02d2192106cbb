"""The FastAPI application: routes, problem handlers, body limits, fault layer and the OpenAPI file."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException
from starlette.responses import Response

from refplatform import catalog, catalog_store
from refplatform.faults import Fault, FaultMiddleware, FaultSet
from refplatform.limits import BodyLimitMiddleware
from refplatform.problems import ProblemError, problem_response
from refplatform.routes import json_response, router

OPENAPI_FILE = Path(__file__).resolve().parent / "openapi.json"
log = logging.getLogger("refplatform")


async def _problem(request: Request, exc: ProblemError) -> Response:
    return exc.response(instance=request.url.path[:200])


async def _http(request: Request, exc: HTTPException) -> Response:
    if exc.status_code == 404:
        return ProblemError("not_found", "no such endpoint (all paths are under /api/v1)").response()
    if exc.status_code == 405:
        return problem_response(405, ProblemError("method_not_allowed", "this method is not allowed "
                                "on this path").body(), headers=dict(exc.headers or {}))
    return problem_response(exc.status_code, {"type": "about:blank", "title": str(exc.detail)[:200],
                                              "status": exc.status_code, "detail": str(exc.detail)[:200],
                                              "code": "bad_request"})


async def _validation(request: Request, exc: RequestValidationError) -> Response:
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")} for e in exc.errors()[:20]]
    return ProblemError("validation_failed", "the request does not match the schema", errors=errors).response()


async def _crash(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s: %s", request.method, request.url.path[:200], type(exc).__name__)
    return ProblemError("internal_error", "the server failed; the request may be retried").response()


def create_app(engine: Engine, services_dir: Path | None = None, faults: tuple[Fault, ...] = (),
               fault_seed: int = 0, test_control: bool = False):  # noqa: ANN201
    """Build the ASGI application (FastAPI wrapped in the body limit and fault layers)."""
    app = FastAPI(title="OneTrip reference platform", openapi_url=None, docs_url=None, redoc_url=None)
    app.state.engine = engine
    app.state.services = catalog.load(services_dir) if services_dir else catalog.load()
    app.state.catalog = catalog_store.CatalogStore.from_folders(services_dir or catalog.DEFAULT_SERVICES_DIR)
    app.state.faults = FaultSet(tuple(faults), fault_seed)
    app.add_exception_handler(ProblemError, _problem)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _crash)
    # Plain APIRoutes on the app (not include_router's wrappers) so the fault layer can match names.
    app.router.routes.extend(router.routes)
    document = OPENAPI_FILE.read_bytes()

    @app.get("/openapi.json", name="openapi", include_in_schema=False)
    async def openapi() -> Response:
        """The hand-maintained OpenAPI 3.1 document of this interface."""
        return Response(document, media_type="application/json")

    if test_control:
        @app.put("/_test/faults", name="test_faults", include_in_schema=False)
        async def set_faults(request: Request) -> Response:
            """Replace the active fault switches (exists only with --test-control)."""
            try:
                data = json.loads(await request.body())
                specs = [Fault.parse(s) for s in data.get("faults", [])]
                seed = data.get("seed")
                seed = int(seed) if seed is not None else None
            except (ValueError, TypeError, AttributeError) as exc:
                raise ProblemError("validation_failed", f"faults: {exc}"[:300]) from None
            app.state.faults.replace(tuple(specs), seed)
            return json_response(200, {"faults": [f"{f.endpoint}:{f.kind}:{f.rate}:{f.arg}" for f in specs]})

        @app.put("/_test/catalog", name="test_catalog", include_in_schema=False)
        async def publish_catalog(request: Request) -> Response:
            """Publish a new catalog version, valid or broken (exists only with --test-control)."""
            try:
                data = json.loads(await request.body())
                published = app.state.catalog.publish(
                    dict(data.get("files", {})), tuple(data.get("remove", ())),
                    bool(data.get("replace_all", False)))
            except (ValueError, TypeError, AttributeError) as exc:
                raise ProblemError("validation_failed", f"catalog: {exc}"[:300]) from None
            return json_response(200, {"version": published.version, "digest": published.digest})

    return FaultMiddleware(BodyLimitMiddleware(app), app)
