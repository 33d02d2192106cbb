"""The simulated lock-control board: doors, and the faults a real board shows in the field."""
from __future__ import annotations

import random
import time
from typing import Any, Callable

from drivers.locker.frames import (ALL_MAX_LOCKS, CMD_OPEN, CMD_QUERY, HEAD_OPEN, HEAD_QUERY, Frame,
                                   FrameParser, build, build_all_states)

FLAGS = ("silent", "bad_bcc", "garbage", "vanish", "query_all")  # query_all: a board that
# answers the all-locks query (lock 00) with one bitmap frame


def _locks(text: str) -> list[int]:
    return [int(x) for x in text.replace("+", " ").split()]


def parse_faults(text: str) -> dict[str, Any]:
    """'silent,stuck=3+4,left_open=2,close_after=1.5' -> the fault state."""
    out: dict[str, Any] = {}
    for item in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = item.partition("=")
        if key in FLAGS:
            out[key] = value.strip() not in ("0", "false")
        elif key in ("stuck", "left_open"):
            out[key] = _locks(value)
        elif key == "close_after":
            out[key] = float(value)
        else:
            raise ValueError(f"unknown fault {key!r}; known: {', '.join(FLAGS)}, stuck=N+M, "
                             "left_open=N+M, close_after=S")
    return out


class BoardModel:
    """One board's doors and faults; `receive(bytes)` returns the bytes it answers."""

    def __init__(self, board: int, locks: int, open_state: int, closed_state: int,
                 state: dict[str, Any], clock: Callable[[], float] = time.monotonic) -> None:
        self.board, self.locks = board, locks
        self.open_state, self.closed_state = open_state, closed_state
        self._clock = clock
        self.parser = FrameParser()
        self.flags = {k: False for k in FLAGS}
        self.stuck: set[int] = set()
        self.close_after: float | None = None
        self.open_since: dict[int, float] = {}
        self.rng = random.Random(8)
        self.apply(state)

    def apply(self, ctl: dict[str, Any]) -> None:
        """Change faults and doors (initial --faults, then the control file)."""
        for key in FLAGS:
            if key in ctl:
                self.flags[key] = bool(ctl[key])
        if "stuck" in ctl:
            self.stuck = set(ctl["stuck"] or ())
        if "close_after" in ctl:
            self.close_after = ctl["close_after"]
        for lock in list(ctl.get("left_open", ())) + list(ctl.get("open", ())):
            self.open_since.setdefault(int(lock), self._clock())
        for lock in ctl.get("close", ()):
            self.open_since.pop(int(lock), None)

    def is_open(self, lock: int) -> bool:
        """The door's physical state now (doors close by themselves after close_after)."""
        since = self.open_since.get(lock)
        if since is not None and self.close_after is not None \
                and self._clock() - since >= self.close_after:
            del self.open_since[lock]
            return False
        return since is not None

    def all_bits(self) -> int:
        """The all-locks bitmap: a bit is set when that lock's state byte would be 11 (wiring)."""
        bits = 0
        for lock in range(1, min(self.locks, ALL_MAX_LOCKS) + 1):
            state = self.open_state if self.is_open(lock) else self.closed_state
            if state == 0x11:
                bits |= 1 << (lock - 1)
        return bits

    def receive(self, data: bytes) -> bytes:
        """Bytes from the bus in, the board's answers out."""
        out = bytearray()
        for frame in self.parser.feed(data):
            answer = self._answer(frame)
            if answer is not None:
                out += answer
        return bytes(out)

    def _answer(self, frame: Frame) -> bytes | None:
        if frame.board != self.board or self.flags["silent"] or self.flags["vanish"]:
            return None  # another board's frame, or a dead board
        if frame.head == HEAD_OPEN and frame.state == CMD_OPEN:
            targets = range(1, self.locks + 1) if frame.lock == 0 else [frame.lock]
            for lock in targets:
                if 1 <= lock <= self.locks and lock not in self.stuck:
                    self.open_since.setdefault(lock, self._clock())
        elif not (frame.head == HEAD_QUERY and frame.state == CMD_QUERY):
            return None  # not a command this board knows
        if frame.head == HEAD_QUERY and frame.lock == 0 and self.flags["query_all"]:
            raw = bytearray(build_all_states(self.board, self.all_bits()))
        elif not 1 <= frame.lock <= self.locks:
            return None  # lock 00 / out of range: no per-lock answer
        else:
            state = self.open_state if self.is_open(frame.lock) else self.closed_state
            raw = bytearray(build(frame.head, self.board, frame.lock, state))
        if self.flags["bad_bcc"]:
            raw[-1] ^= 0x5A
        if self.flags["garbage"]:
            noise = bytes(self.rng.randrange(256) for _ in range(self.rng.randrange(1, 6)))
            raw = bytearray(noise) + raw + bytes((HEAD_QUERY, self.board))  # and a torn tail
        return bytes(raw)
