"""Run the app under uvicorn on a socket we bind ourselves (port 0 works), with the droppable protocol."""
from __future__ import annotations

import asyncio
import logging
import socket
from pathlib import Path

import uvicorn

from refplatform.transport import DroppableH11Protocol


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0 lets the OS choose)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP;
    # without it every keep-alive answer waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(app, host: str, port: int, ready_file: Path | None = None, access_log: bool = False) -> None:  # noqa: ANN001
    """Serve until SIGINT/SIGTERM; print the URL (and write it to ready_file) once listening."""
    sock = bind(host, port)
    real_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{real_port}"
    config = uvicorn.Config(app, http=DroppableH11Protocol, loop="asyncio", lifespan="off",
                            access_log=access_log, log_level="warning", timeout_keep_alive=30,
                            h11_max_incomplete_event_size=32 * 1024)
    server = uvicorn.Server(config)

    async def run() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not task.done():
            await asyncio.sleep(0.01)
        if server.started:
            print(f"kiosk-platform: listening on {url}", flush=True)
            if ready_file:
                tmp = Path(str(ready_file) + ".tmp")
                tmp.write_text(url + "\n", encoding="utf-8")
                tmp.replace(ready_file)
        await task

    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
    asyncio.run(run())
