"""Request body limits enforced before any endpoint reads the body (413 body_too_large)."""
from __future__ import annotations

from refplatform.problems import problem_bytes

JSON_LIMIT = 256 * 1024
UPLOAD_LIMIT = 20 * 1024 * 1024
UPLOAD_PATH = "/api/v1/uploads"
HEADERS_LIMIT = 16 * 1024
DRAIN_LIMIT = 64 * 1024 * 1024  # read (and drop) up to this much so the client sees the 413 answer


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Buffer the body up to the path's limit, then replay it to the app; answer 413 beyond it."""

    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if sum(len(k) + len(v) for k, v in scope["headers"]) > HEADERS_LIMIT:
            await self._reject(send, 431, "headers_too_large",
                               f"the request headers exceed {HEADERS_LIMIT} bytes")
            return
        limit = UPLOAD_LIMIT if scope["path"] == UPLOAD_PATH else JSON_LIMIT
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and not declared.isdigit():
            await self._reject(send, 400, "bad_request", "Content-Length must be digits")
            return
        if declared is not None and int(declared) > limit:
            if int(declared) <= DRAIN_LIMIT:
                await self._drain(receive)
            await self._too_large(send, limit)
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._too_large(send, limit)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay():  # noqa: ANN202
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _drain(receive) -> None:  # noqa: ANN001
        """Consume the rest of the body so the client is not reset while it still sends."""
        size = 0
        while size <= DRAIN_LIMIT:
            message = await receive()
            size += len(message.get("body", b""))
            if message["type"] == "http.disconnect" or not message.get("more_body", False):
                return

    async def _too_large(self, send, limit: int) -> None:  # noqa: ANN001
        await self._reject(send, 413, "body_too_large", f"the body is larger than {limit} bytes for this endpoint")

    @staticmethod
    async def _reject(send, status: int, code: str, detail: str) -> None:  # noqa: ANN001
        body = problem_bytes(code, detail)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/problem+json"), (b"connection", b"close"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
