"""The "8A" lock-control board over RS-485 (pyserial), on the HAL worker thread.

Door states are read one lock at a time (`80 board lock 33`) unless `query_all` is set: then one
all-locks query (lock 00) is tried first, answered by boards that support it with one bitmap
frame `80 board b3 b2 b1 33 BCC`; a board that does not answer it is read lock by lock from then
on. Which state byte means "open" depends on the lock wiring and is a setting (`open_state`,
`closed_state`); a bitmap bit set means state 11.
"""
from __future__ import annotations

import logging
import termios
import time
from typing import Any, Mapping

import serial

from drivers.base import CommandHandle, DeviceState, DeviceWorker, HalError, RecommendedAction
from drivers.locker.base import DoorDidNotOpen, DoorTracker, check_lock, door_not_open, option
from drivers.locker.frames import (ALL_LOCKS, ALL_MAX_LOCKS, HEAD_OPEN, HEAD_QUERY, FrameParser,
                                   build_open, build_query, find_all_states)

log = logging.getLogger(__name__)

READ_SLICE_S = 0.02  # one serial read waits at most this long, so deadlines are kept


class LockerBoardDriver(DeviceWorker):
    """One lock-control board: opens doors, confirms them, and polls every door for changes."""

    device_class = "locker"

    def __init__(self, name: str, port: str, baud: int = 9600, board: int = 1, locks: int = 16,
                 open_state: int = 0x11, closed_state: int = 0x00, poll_interval: float = 0.5,
                 left_open_s: float = 60.0, response_timeout: float = 0.3, retries: int = 2,
                 open_confirm_s: float = 1.0,
                 reopen_backoff: tuple[float, float] | None = None, query_all: bool = False) -> None:
        if reopen_backoff is not None:
            self.reopen_backoff = reopen_backoff
        super().__init__(name)
        if open_state == closed_state:
            raise ValueError("open_state and closed_state must differ")
        self.port, self.baud, self.board, self.locks = port, baud, board, locks
        self.open_state, self.closed_state = open_state, closed_state
        self.poll_interval = poll_interval
        self.response_timeout, self.retries = response_timeout, retries
        self.open_confirm_s = open_confirm_s
        self._ser: serial.Serial | None = None
        self.tracker = DoorTracker(self.name, left_open_s, self.emit)
        self.counters = {"requests": 0, "no_answer": 0, "bad_bcc": 0, "garbage_bytes": 0,
                         "unknown_state": 0, "all_locks_queries": 0}
        # None: not tried yet; False: this board does not answer it (read lock by lock)
        self.all_locks_query: bool | None = None if query_all and locks <= ALL_MAX_LOCKS else False

    def capabilities(self) -> Mapping[str, Any]:
        return {"locks": self.locks, "board": self.board, "baud": self.baud,
                "open_state": f"{self.open_state:02X}", "closed_state": f"{self.closed_state:02X}",
                "query_all": "per_lock"}

    # --- transport ----------------------------------------------------------------------
    def _open(self) -> None:
        try:
            self._ser = serial.Serial(self.port, self.baud, bytesize=8, parity="N", stopbits=1,
                                      timeout=READ_SLICE_S, write_timeout=1.0)
        except (serial.SerialException, OSError, ValueError) as exc:
            self._ser = None
            raise HalError("no_device", f"No locker board port at {self.port} ({exc}).",
                           RecommendedAction.CALL_STAFF) from None

    def _close(self) -> None:
        ser, self._ser = self._ser, None
        if ser is not None:
            try:
                ser.close()
            except Exception:  # the port is already gone
                pass

    def _lost(self, exc: BaseException) -> HalError:
        err = HalError("no_device", f"The locker board port {self.port} went away.",
                       RecommendedAction.CALL_STAFF)
        log.warning("%s: port lost (%s)", self.name, type(exc).__name__)
        self._connection_lost(err)  # the base closes, goes NO_DEVICE and reopens with backoff
        return err

    def _ensure_open(self) -> serial.Serial:
        if self._ser is None:
            self._try_open()
        if self._ser is None:
            raise self.open_error()
        return self._ser

    def _exchange(self, frame: bytes, head: int, lock: int) -> int | None:
        """Send one frame and wait for its answer's state byte (None: nothing valid came)."""
        ser = self._ensure_open()
        parser = FrameParser()
        self.counters["requests"] += 1
        try:
            ser.reset_input_buffer()
            ser.write(frame)
            deadline = time.monotonic() + self.response_timeout
            while time.monotonic() < deadline:
                chunk = ser.read(max(1, ser.in_waiting))
                for got in parser.feed(chunk):
                    if (got.head, got.board, got.lock) == (head, self.board, lock):
                        self.counters["garbage_bytes"] += parser.garbage_bytes
                        return got.state
        except (serial.SerialException, OSError, termios.error) as exc:
            raise self._lost(exc) from None
        self.counters["garbage_bytes"] += parser.garbage_bytes
        if parser.bad_bcc:
            self.counters["bad_bcc"] += 1
            self._last_fault = "bad_bcc"
        else:
            self.counters["no_answer"] += 1
            self._last_fault = "no_answer"
        return None

    def _transact(self, frame: bytes, head: int, lock: int) -> int:
        """One request with retries; the state byte, or HalError naming what went wrong."""
        self._last_fault = "no_answer"
        for _ in range(1 + self.retries):
            state = self._exchange(frame, head, lock)
            if state is not None:
                if self.status().state not in (DeviceState.ONLINE, DeviceState.BUSY):
                    self.set_status(DeviceState.ONLINE, detail=self.tracker.detail(self.locks))
                return state
        if self._last_fault == "bad_bcc":
            err = HalError("bad_checksum", f"Locker board {self.board} on {self.port} answers "
                           "with a wrong checksum (wiring, noise or baud rate).",
                           RecommendedAction.RETRY)
        else:
            err = HalError("no_answer", f"Locker board {self.board} on {self.port} does not "
                           "answer (power, RS-485 wiring or board address).",
                           RecommendedAction.CALL_STAFF)
        self.set_status(DeviceState.OFFLINE, detail=err.message)
        raise err

    def _is_open(self, state: int, lock: int) -> bool:
        if state == self.open_state:
            return True
        if state == self.closed_state:
            return False
        self.counters["unknown_state"] += 1
        raise HalError("unknown_state", f"Door {lock} reported state {state:02X}; expected "
                       f"{self.open_state:02X} (open) or {self.closed_state:02X} (closed): check "
                       "the open_state / closed_state settings.", RecommendedAction.CALL_STAFF)

    def _read_door(self, lock: int) -> bool:
        is_open = self._is_open(self._transact(build_query(self.board, lock), HEAD_QUERY, lock),
                                lock)
        self.tracker.seen(lock, is_open)
        return is_open

    # --- commands -----------------------------------------------------------------------
    def open_door(self, lock: int, timeout: float = 5.0) -> CommandHandle[bool]:
        """Open one door; resolves True once the board confirms it open, else HalError."""
        return self.submit("open_door", lambda tok: self._open_door(check_lock(lock, self.locks),
                                                                    tok), timeout)

    def _open_door(self, lock: int, token: Any) -> bool:
        state = self._transact(build_open(self.board, lock), HEAD_OPEN, lock)
        if state == self.open_state:
            self.tracker.seen(lock, True)
            return True
        # some boards answer with the state before the pulse: ask the door itself for a moment
        deadline = time.monotonic() + self.open_confirm_s
        while True:
            if self._read_door(lock):
                return True
            if time.monotonic() >= deadline:
                break
            token.sleep(min(0.05, self.open_confirm_s))
        self.emit(DoorDidNotOpen(self.name, lock=lock))
        err = door_not_open(self.name, lock)
        self.emit_error(err)
        raise err

    def door_state(self, lock: int, timeout: float = 5.0) -> CommandHandle[bool]:
        """Ask one door; resolves True when open."""
        return self.submit("door_state", lambda _tok: self._read_door(check_lock(lock, self.locks)),
                           timeout)

    def states_all(self, timeout: float = 10.0) -> CommandHandle[dict[int, bool]]:
        """Every door's state (one query per lock): {lock: open}."""
        return self.submit("states_all", lambda _tok: self._read_all(), timeout)

    def _read_all(self) -> dict[int, bool]:
        if self.all_locks_query is not False:
            states = self._read_all_at_once()
            if states is not None:
                return states
        return {lock: self._read_door(lock) for lock in range(1, self.locks + 1)}

    def _read_all_at_once(self) -> dict[int, bool] | None:
        """One all-locks query; None when the board gives no valid bitmap (then lock by lock)."""
        bits = None
        for _ in range(1 + self.retries):
            bits = self._exchange_all()
            if bits is not None:
                break
        if bits is None:
            if self.all_locks_query is None:
                log.info("%s: board %s does not answer the all-locks query; reading lock by lock",
                         self.name, self.board)
                self.all_locks_query = False
            return None
        self.all_locks_query = True
        set_means_open = self.open_state == 0x11
        states = {lock: bool(bits >> (lock - 1) & 1) == set_means_open
                  for lock in range(1, self.locks + 1)}
        for lock, is_open in states.items():
            self.tracker.seen(lock, is_open)
        return states

    def _exchange_all(self) -> int | None:
        ser = self._ensure_open()
        self.counters["all_locks_queries"] += 1
        buf = bytearray()
        try:
            ser.reset_input_buffer()
            ser.write(build_query(self.board, ALL_LOCKS))
            deadline = time.monotonic() + self.response_timeout
            while time.monotonic() < deadline:
                buf += ser.read(max(1, ser.in_waiting))
                bits, bad = find_all_states(bytes(buf[-64:]), self.board)
                if bits is not None:
                    return bits
        except (serial.SerialException, OSError, termios.error) as exc:
            raise self._lost(exc) from None
        if find_all_states(bytes(buf[-64:]), self.board)[1]:
            self.counters["bad_bcc"] += 1
        return None

    def _poll(self) -> None:
        if self._ser is None:
            return
        self._read_all()  # the first failure ends the round: a silent board costs one timeout
        self.set_status(DeviceState.ONLINE, detail=self.tracker.detail(self.locks))

    def _diagnostics(self) -> dict[str, Any]:
        return {"port": self.port, "baud": self.baud, "board": self.board, "locks": self.locks,
                "all_locks_query": self.all_locks_query,
                "open_doors": self.tracker.open_doors(), "reopens": self.reopen_count,
                **self.counters}


def make(name: str, options: Mapping[str, Any]) -> LockerBoardDriver:
    """Factory for the registry: options as in drivers/options.py ("locker", "serial_8a")."""
    if not options.get("port"):
        raise HalError("config", "The locker board needs a serial port (option 'port').",
                       RecommendedAction.CALL_STAFF)
    return LockerBoardDriver(
        name, str(options["port"]), baud=int(option(options, "baud", 9600)),
        board=int(option(options, "board", 1)), locks=int(option(options, "locks", 16)),
        open_state=int(option(options, "open_state", 0x11)),
        closed_state=int(option(options, "closed_state", 0x00)),
        poll_interval=float(option(options, "poll_interval", 0.5)),
        left_open_s=float(option(options, "left_open_s", 60.0)),
        response_timeout=float(option(options, "response_timeout", 0.3)),
        retries=int(option(options, "retries", 2)),
        query_all=bool(option(options, "query_all", False)))


def check_options(options: Mapping[str, Any]) -> None:
    """Start-up check across options: the open and closed state bytes must differ."""
    from drivers.options import OptionError
    if option(options, "open_state", 0x11) == option(options, "closed_state", 0x00):
        raise OptionError("closed_state", options.get("closed_state", 0),
                          "a state byte different from open_state")
