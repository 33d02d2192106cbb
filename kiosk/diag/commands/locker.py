"""`kiosk-diag locker status|open|test`: check a results-locker board and its doors (JSON out)."""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from drivers.base import HalError
from drivers.locker.serial_driver import LockerBoardDriver
from kiosk.diag.cli import emit


def _driver(args: argparse.Namespace, port: str, locks: int) -> LockerBoardDriver:
    return LockerBoardDriver("locker", port, baud=args.baud, board=args.board, locks=locks,
                             open_state=args.open_state, closed_state=args.closed_state,
                             poll_interval=3600.0, response_timeout=args.timeout, retries=2,
                             left_open_s=3600.0, query_all=getattr(args, "query_all", False))


def _failed(args: argparse.Namespace, exc: HalError, **extra: Any) -> int:
    emit({"ok": False, "port": args.port, "board": args.board, "error": exc.code,
          "message": exc.message, "action": exc.action.value, **extra})
    return 1


def run_status(args: argparse.Namespace) -> int:
    """Every door's state; exit 1 naming the error when the board does not answer properly."""
    dev = _driver(args, args.port, args.locks)
    dev.start()
    try:
        doors = dev.states_all(timeout=args.locks * 2.0).result(args.locks * 2.0 + 5)
    except HalError as exc:
        return _failed(args, exc)
    finally:
        dev.stop()
    emit({"ok": True, "port": args.port, "board": args.board, "locks": args.locks,
          "doors": {str(k): "open" if v else "closed" for k, v in doors.items()},
          "open": [k for k, v in doors.items() if v],
          "read": "all_at_once" if dev.all_locks_query else "lock_by_lock"})
    return 0


def run_open(args: argparse.Namespace) -> int:
    """Open one door; exit 0 only when the board confirms it open."""
    dev = _driver(args, args.port, max(args.door, 1))
    dev.start()
    try:
        dev.open_door(args.door, timeout=10.0).result(15)
    except HalError as exc:
        return _failed(args, exc, door=args.door, opened=False)
    finally:
        dev.stop()
    emit({"ok": True, "port": args.port, "board": args.board, "door": args.door, "opened": True})
    return 0


def _wait_door(dev: LockerBoardDriver, lock: int, want_open: bool, limit_s: float) -> bool:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if dev.door_state(lock, 5).result(6) == want_open:
            return True
        time.sleep(0.05)
    return False


def run_test(args: argparse.Namespace) -> int:
    """Against its own pty board simulator: open and close each door, report each step."""
    from drivers.locker.sim.process import PtyLockerSim
    doors: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="locker-test-") as tmp:
        sim = PtyLockerSim(Path(tmp), args.faults, locks=args.locks)
        dev = _driver(args, str(sim.link), args.locks)
        dev.start()
        try:
            for lock in range(1, args.locks + 1):
                row: dict[str, Any] = {"door": lock, "opened": False, "closed": False}
                try:
                    row["opened"] = dev.open_door(lock, 10.0).result(15)
                    sim.control(close=[lock])
                    row["closed"] = _wait_door(dev, lock, False, 5.0)
                except HalError as exc:
                    row["error"] = exc.code
                doors.append(row)
        finally:
            dev.stop()
            sim.stop()
    ok = all(d["opened"] and d["closed"] for d in doors)
    emit({"ok": ok, "simulated": True, "locks": args.locks, "doors": doors,
          "failed": [d["door"] for d in doors if not (d["opened"] and d["closed"])]})
    return 0 if ok else 1


def _common(p: argparse.ArgumentParser, port: bool = True) -> None:
    if port:
        p.add_argument("--port", required=True, help="serial device, e.g. /dev/ttyUSB0")
    p.add_argument("--board", type=int, default=1, help="board address (DIP switches)")
    p.add_argument("--baud", type=int, default=9600)
    p.add_argument("--open-state", type=lambda s: int(s, 0), default=0x11,
                   help="state byte meaning open (default 0x11)")
    p.add_argument("--closed-state", type=lambda s: int(s, 0), default=0x00,
                   help="state byte meaning closed (default 0x00)")
    p.add_argument("--timeout", type=float, default=0.3, help="seconds to wait for an answer")


def register(sub: argparse._SubParsersAction) -> None:
    """Add `locker status`, `locker open N` and `locker test`."""
    p = sub.add_parser("locker", help="results-locker board (8A protocol) checks")
    cmds = p.add_subparsers(dest="locker_command", required=True)
    st = cmds.add_parser("status", help="state of every door")
    _common(st)
    st.add_argument("--locks", type=int, default=16, help="number of doors on the board")
    st.add_argument("--query-all", action="store_true",
                    help="try the all-locks query first (boards that answer it); else lock by lock")
    st.set_defaults(func=run_status)
    op = cmds.add_parser("open", help="open one door (exit 0 only when confirmed open)")
    op.add_argument("door", type=int)
    _common(op)
    op.set_defaults(func=run_open)
    te = cmds.add_parser("test", help="open and close each door of a simulated board")
    _common(te, port=False)
    te.add_argument("--locks", type=int, default=4)
    te.add_argument("--faults", default="", help=argparse.SUPPRESS)  # for the tests
    te.set_defaults(func=run_test, port="simulated")
