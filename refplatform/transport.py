"""An h11 protocol that lets the app really close a client's TCP socket, and answers bad HTTP with a problem."""
from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from refplatform.problems import problem_bytes

# (client host, client port) -> open transport of that connection, for the fault switches.
_OPEN: dict[tuple, asyncio.Transport] = {}
LINGER_S = 2.0


class DroppableH11Protocol(H11Protocol):
    """uvicorn's h11 protocol plus a transport registry and problem+json 400 answers."""

    def connection_made(self, transport) -> None:  # noqa: ANN001
        """Register the connection's transport under the client address."""
        super().connection_made(transport)
        if self.client:
            _OPEN[tuple(self.client)] = transport

    def connection_lost(self, exc) -> None:  # noqa: ANN001
        """Forget the transport."""
        if self.client:
            _OPEN.pop(tuple(self.client), None)
        super().connection_lost(exc)

    _lingering = False

    def data_received(self, data: bytes) -> None:
        """Feed h11, dropping input after a refusal and refusing a non-ASCII request target."""
        if self._lingering:
            return  # the rest of a refused request: read and dropped so the close is a FIN, not a reset
        try:
            super().data_received(data)
        except UnicodeDecodeError:
            # uvicorn decodes the request target as ASCII; a non-ASCII target would escape as a crash.
            self.send_400_response("request target must be ASCII (percent-encode other characters)")

    def send_400_response(self, msg: str) -> None:
        """Answer unparseable HTTP (huge headers, bad framing) with problem+json instead of text."""
        body = problem_bytes("bad_request", msg)
        headers = [(b"content-type", b"application/problem+json"), (b"connection", b"close"),
                   (b"content-length", str(len(body)).encode())]
        try:
            out = self.conn.send(h11.Response(status_code=400, headers=headers, reason=b"Bad Request"))
            out += self.conn.send(h11.Data(data=body)) + self.conn.send(h11.EndOfMessage())
            self.transport.write(out)
        except h11.LocalProtocolError:
            pass
        # Linger: closing with unread input would reset the connection and the client could lose the answer.
        self._lingering = True
        if self.transport.can_write_eof():
            self.transport.write_eof()
        asyncio.get_running_loop().call_later(LINGER_S, self.transport.close)


async def drop(scope) -> None:  # noqa: ANN001
    """Reset the client's TCP connection without an answer."""
    client = scope.get("client")
    t = _OPEN.get(tuple(client)) if client else None
    if t is None:
        raise RuntimeError("drop fault needs the server started by refplatform.server")
    t.abort()
    # Let connection_lost run so uvicorn marks the cycle disconnected and sends nothing more.
    for _ in range(3):
        await asyncio.sleep(0)
