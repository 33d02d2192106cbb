"""Fault switches for tests: slow, 500, drop the connection before or after the work, per endpoint."""
from __future__ import annotations

import asyncio
import random
import threading
from dataclasses import dataclass

from starlette.routing import Match

from refplatform import transport
from refplatform.problems import problem_bytes

KINDS = ("slow", "500", "drop_before", "drop_after")


@dataclass(frozen=True)
class Fault:
    """One switch: ENDPOINT_NAME:KIND[:RATE[:ARG]] (endpoint * matches every endpoint)."""

    endpoint: str
    kind: str
    rate: float = 1.0
    arg: float = 0.0

    @classmethod
    def parse(cls, spec: str) -> "Fault":
        """Parse the --fault text, raising ValueError with a plain message."""
        parts = spec.split(":")
        if len(parts) < 2 or len(parts) > 4 or not parts[0]:
            raise ValueError(f"fault {spec!r}: expected ENDPOINT_NAME:KIND[:RATE[:ARG]]")
        if parts[1] not in KINDS:
            raise ValueError(f"fault {spec!r}: KIND must be one of {', '.join(KINDS)}")
        try:
            rate = float(parts[2]) if len(parts) > 2 and parts[2] else 1.0
            arg = float(parts[3]) if len(parts) > 3 else (1.0 if parts[1] == "slow" else 0.0)
        except ValueError:
            raise ValueError(f"fault {spec!r}: RATE and ARG must be numbers") from None
        if not 0.0 <= rate <= 1.0 or arg < 0 or arg > 600:
            raise ValueError(f"fault {spec!r}: RATE must be 0..1 and ARG 0..600 seconds")
        return cls(parts[0], parts[1], rate, arg)


class FaultSet:
    """The active faults and a seeded random source, replaceable at runtime."""

    def __init__(self, faults: tuple[Fault, ...] = (), seed: int = 0) -> None:
        self._lock = threading.Lock()
        self.replace(faults, seed)

    def replace(self, faults: tuple[Fault, ...], seed: int | None = None) -> None:
        """Swap the active faults (and reseed when seed is given)."""
        with self._lock:
            self.faults = tuple(faults)
            if seed is not None or not hasattr(self, "_rng"):
                self._rng = random.Random(seed or 0)

    def pick(self, endpoint: str) -> list[Fault]:
        """The faults that fire for this request (one draw per matching fault)."""
        with self._lock:
            return [f for f in self.faults
                    if f.endpoint in (endpoint, "*") and self._rng.random() < f.rate]


def endpoint_name(app, scope) -> str | None:  # noqa: ANN001
    """The route name a request would reach, or None."""
    for route in app.router.routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return route.name
    return None


class FaultMiddleware:
    """Outermost ASGI layer applying the FaultSet in app.state.faults."""

    def __init__(self, app, fastapi_app) -> None:  # noqa: ANN001
        self.app = app
        self.fastapi_app = fastapi_app

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        faults: FaultSet = self.fastapi_app.state.faults
        if scope["type"] != "http" or not faults.faults:
            await self.app(scope, receive, send)
            return
        name = endpoint_name(self.fastapi_app, scope)
        fired = faults.pick(name) if name and name != "test_faults" else []
        kinds = {f.kind for f in fired}
        for f in fired:
            if f.kind == "slow":
                await asyncio.sleep(f.arg)
        if "drop_before" in kinds:
            await transport.drop(scope)
            return
        if "500" in kinds:
            body = problem_bytes("fault_injected", f"fault switch on {name}: nothing was done")
            await send({"type": "http.response.start", "status": 500,
                        "headers": [(b"content-type", b"application/problem+json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        if "drop_after" in kinds:
            async def swallow(message) -> None:  # noqa: ANN001
                return None
            await self.app(scope, receive, swallow)  # the work runs and commits; the answer is lost
            await transport.drop(scope)
            return
        await self.app(scope, receive, send)
