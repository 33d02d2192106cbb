"""Run the simulated eMRTD on vpcd: `python -m drivers.card_reader.sim.vicc [--fault ...]`."""
from __future__ import annotations

import argparse
import logging
import signal
import socket
import struct
import sys
import time

from drivers.card_reader.sim.vicc.card import ATR, CardPulled, EmrtdCard, Faults

log = logging.getLogger("vicc_sim")

CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4
POWERED_MARK = "card powered on by pcscd"


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        part = sock.recv(n - len(buf))
        if not part:
            raise ConnectionError("vpcd closed the connection")
        buf += part
    return buf


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack(">H", len(payload)) + payload)


def serve(sock: socket.socket, card: EmrtdCard, idle_timeout: float = 5.0) -> None:
    """Answer vpcd until it disconnects; CardPulled propagates (the caller drops the socket).

    pcscd has vpcd poll a connected card several times a second; a connection that hears nothing
    for idle_timeout is stale (never accepted, or abandoned after a pulled card), so the caller
    drops it and places the card again.
    """
    sock.settimeout(idle_timeout)
    seen = 0
    powered = False
    while True:
        (length,) = struct.unpack(">H", _recv_exact(sock, 2))
        msg = _recv_exact(sock, length) if length else b""
        if seen < 4:  # the first messages show how vpcd took the card (debugging aid)
            seen += 1
            log.debug("from vpcd: %s", msg[:5].hex())
        if length == 1:
            ctrl = msg[0]
            if ctrl == CTRL_ATR:
                _send(sock, ATR)
            elif ctrl in (CTRL_OFF, CTRL_ON, CTRL_RESET):
                card.reset()
                if ctrl == CTRL_ON and not powered:
                    # pcscd saw THIS card arrive and powered it: tests wait for this line, since
                    # "a card is present" alone may still be the previous simulator's card
                    powered = True
                    log.info("%s (local port %d)", POWERED_MARK, sock.getsockname()[1])
            continue
        _send(sock, card.process(msg))


def connect(host: str, port: int, deadline: float) -> socket.socket | None:
    """Connect to vpcd, retrying until deadline (vpcd listens only while pcscd runs)."""
    while time.monotonic() < deadline:
        try:
            return socket.create_connection((host, port), timeout=1.0)
        except OSError:
            time.sleep(0.2)
    return None


def main(argv: list[str] | None = None) -> int:
    """Keep a card on the virtual reader; reconnect whenever vpcd goes away (pcscd restart)."""
    ap = argparse.ArgumentParser(prog="vicc_sim", description=__doc__)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=35963)
    ap.add_argument("--pull-after", type=int, default=None,
                    help="take the card away after N READ BINARYs of DG2")
    ap.add_argument("--away", type=float, default=3600.0,
                    help="seconds the pulled card stays away before it is placed again")
    ap.add_argument("--bad-mac", action="store_true", help="corrupt the MAC of DG1 responses")
    ap.add_argument("--sm-error", action="store_true", help="answer 6988 to DG1 READ BINARY")
    ap.add_argument("--dg2", choices=("good", "broken", "absent", "denied"), default="good",
                    help="the face file: good, broken (unparseable), absent, denied (6982)")
    ap.add_argument("--connect-timeout", type=float, default=3600.0)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="vicc_sim: %(message)s")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    faults = Faults(args.pull_after, args.bad_mac, args.sm_error, args.dg2)
    card = EmrtdCard(faults=faults)
    while True:
        sock = connect(args.host, args.port, time.monotonic() + args.connect_timeout)
        if sock is None:
            log.error("vpcd not reachable on %s:%d", args.host, args.port)
            return 1
        log.info("card placed on vpcd %s:%d", args.host, args.port)
        try:
            serve(sock, card)
        except CardPulled:
            log.info("card pulled; back in %g s", args.away)
            sock.close()
            time.sleep(args.away)
            card = EmrtdCard(faults=Faults(None, args.bad_mac, args.sm_error, args.dg2))
            continue
        except (ConnectionError, OSError) as exc:
            log.info("vpcd went away (%s); reconnecting", exc)
        sock.close()
        time.sleep(0.2)


if __name__ == "__main__":
    sys.exit(main())
