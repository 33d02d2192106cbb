"""`python -m tests.refplatform_shim ARGS`: `python -m refplatform ARGS` with one workaround.

WORKAROUND (reported to the lead, remove when refplatform fixes it): refplatform.faults.endpoint_name
reads `route.name` on every route, but FastAPI 0.165 puts an `_IncludedRouter` (no `name`) in the
app's route list, so every request crashes with 500 as soon as any fault switch is set. This shim
looks inside included routers instead; when refplatform's own lookup works it is used unchanged.
"""
from __future__ import annotations

import sys

from starlette.routing import Match

from refplatform import cli, faults

_original = faults.endpoint_name


def _routes(routes):  # noqa: ANN001, ANN202
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _routes(inner.routes)
        else:
            yield route


def endpoint_name(app, scope):  # noqa: ANN001, ANN201
    """refplatform's lookup, falling back to a walk through included routers."""
    try:
        return _original(app, scope)
    except AttributeError:
        for route in _routes(app.router.routes):
            match, _ = route.matches(scope)
            if match is Match.FULL:
                return getattr(route, "name", None)
        return None


faults.endpoint_name = endpoint_name

if __name__ == "__main__":
    sys.exit(cli.main())
