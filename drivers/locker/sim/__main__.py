"""Locker board simulator process on a pty, with faults that can change live.

    python -m drivers.locker.sim --link PATH [--board 1] [--locks 16] [--open-state 0x11]
        [--closed-state 0x00] [--faults silent,bad_bcc,garbage,vanish,stuck=3+4,left_open=2,
        close_after=1.5] [--control FILE]

The control file (JSON, re-read when it changes) takes the fault keys plus "open": [locks] and
"close": [locks] (a resident or staff moving a door). "vanish": true closes the pty and removes
the link (a board unplugged); false brings a new pty back at the same link.
"""
from __future__ import annotations

import argparse
import json
import os
import select
import signal
import sys
import tty
from pathlib import Path
from typing import Any

from drivers.locker.sim.board import BoardModel, parse_faults


class Pty:
    """A pty pair whose slave is reachable through a symlink."""

    def __init__(self, link: Path) -> None:
        self.link = link
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(os.ttyname(self.slave))

    def close(self) -> None:
        """Remove the link and close both ends (the driver's reads then fail)."""
        if self.link.is_symlink():
            self.link.unlink()
        os.close(self.master)
        os.close(self.slave)


def _read_control(path: Path | None, last: int) -> tuple[dict[str, Any] | None, int]:
    if path is None or not path.exists():
        return None, last
    mtime = path.stat().st_mtime_ns
    if mtime == last:
        return None, last
    try:
        return json.loads(path.read_text("utf-8")), mtime
    except (OSError, ValueError):
        return None, last  # half-written; read again next time


def serve(link: Path, model: BoardModel, control: Path | None) -> None:
    """Answer frames until SIGTERM/SIGINT."""
    running = [True]
    signal.signal(signal.SIGTERM, lambda *_: running.__setitem__(0, False))
    signal.signal(signal.SIGINT, lambda *_: running.__setitem__(0, False))
    pty: Pty | None = None if model.flags["vanish"] else Pty(link)
    last = 0
    try:
        while running[0]:
            ctl, last = _read_control(control, last)
            if ctl is not None:
                model.apply(ctl)
            if model.flags["vanish"] and pty is not None:
                pty.close()
                pty = None
            elif not model.flags["vanish"] and pty is None:
                pty = Pty(link)
            if pty is None:
                select.select([], [], [], 0.05)
                continue
            try:
                ready, _, _ = select.select([pty.master], [], [], 0.05)
            except InterruptedError:
                continue
            if not ready:
                continue
            try:
                data = os.read(pty.master, 4096)
            except OSError:
                continue
            ctl, last = _read_control(control, last)  # a change written before this frame
            if ctl is not None:
                model.apply(ctl)
            reply = model.receive(data)
            if reply:
                os.write(pty.master, reply)
    finally:
        if pty is not None:
            pty.close()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(prog="python -m drivers.locker.sim", description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--link", required=True, type=Path, help="symlink to create to the pty")
    ap.add_argument("--board", type=int, default=1)
    ap.add_argument("--locks", type=int, default=16)
    ap.add_argument("--open-state", type=lambda s: int(s, 0), default=0x11)
    ap.add_argument("--closed-state", type=lambda s: int(s, 0), default=0x00)
    ap.add_argument("--faults", default="", help="e.g. silent,stuck=3,close_after=1")
    ap.add_argument("--control", type=Path, default=None, help="JSON file to change state live")
    args = ap.parse_args(argv)
    try:
        state = parse_faults(args.faults)
    except ValueError as exc:
        ap.error(str(exc))
    model = BoardModel(args.board, args.locks, args.open_state, args.closed_state, state)
    serve(args.link, model, args.control)
    return 0


if __name__ == "__main__":
    sys.exit(main())
