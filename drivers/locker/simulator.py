"""In-process results locker: doors open on command and close when told or after a set time."""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, Iterable, Mapping

from drivers.base import CommandHandle, DeviceState, DeviceWorker, HalError, RecommendedAction
from drivers.locker.base import DoorDidNotOpen, DoorTracker, check_lock, door_not_open, option


class SimulatedLocker(DeviceWorker):
    """A locker bank in memory: `close_door(n)` plays the resident shutting a door."""

    device_class = "locker"

    def __init__(self, name: str = "locker", locks: int = 16, poll_interval: float = 0.1,
                 left_open_s: float = 60.0, close_after_s: float | None = None,
                 stuck: Iterable[int] = (), clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(name)
        self.locks = locks
        self.poll_interval = poll_interval
        self.close_after_s = close_after_s
        self._clock = clock
        self._lock = threading.Lock()
        self._open_since: dict[int, float] = {}  # door -> when it opened (the "physical" doors)
        self._stuck = set(stuck)
        self._offline = False
        self.tracker = DoorTracker(self.name, left_open_s, self.emit, clock)

    def capabilities(self) -> Mapping[str, Any]:
        return {"locks": self.locks, "query_all": "per_lock", "simulated": True}

    def _open(self) -> None:
        if not self._offline:  # an offline board stays offline until it answers a poll
            self.set_status(DeviceState.ONLINE, detail=self.tracker.detail(self.locks))

    # --- the physical side (any thread) -------------------------------------------------
    def close_door(self, lock: int) -> None:
        """The resident shuts a door."""
        with self._lock:
            self._open_since.pop(lock, None)

    def open_by_hand(self, lock: int) -> None:
        """Staff open a door with the key."""
        with self._lock:
            self._open_since.setdefault(lock, self._clock())

    def set_stuck(self, lock: int, stuck: bool = True) -> None:
        """Make a door refuse to open (a jammed bolt), or free it."""
        with self._lock:
            (self._stuck.add if stuck else self._stuck.discard)(lock)

    def set_offline(self, offline: bool = True) -> None:
        """Simulate the board no longer answering (or answering again)."""
        with self._lock:
            self._offline = offline

    def _physical(self, lock: int) -> bool:
        with self._lock:
            if self._offline:
                raise HalError("no_answer", "Simulated locker board does not answer.",
                               RecommendedAction.CALL_STAFF)
            since = self._open_since.get(lock)
            if since is not None and self.close_after_s is not None \
                    and self._clock() - since >= self.close_after_s:
                del self._open_since[lock]
                since = None
            return since is not None

    # --- commands (worker thread) -------------------------------------------------------
    def open_door(self, lock: int, timeout: float = 5.0) -> CommandHandle[bool]:
        """Open one door; resolves True once it is open, HalError door_not_open when stuck."""
        return self.submit("open_door", lambda _t: self._open_door(check_lock(lock, self.locks)),
                           timeout)

    def _open_door(self, lock: int) -> bool:
        self._checked_read(lock)  # an offline board fails here, like the real one
        with self._lock:
            if lock not in self._stuck:
                self._open_since.setdefault(lock, self._clock())
        if self._checked_read(lock):
            return True
        self.emit(DoorDidNotOpen(self.name, lock=lock))
        err = door_not_open(self.name, lock)
        self.emit_error(err)
        raise err

    def door_state(self, lock: int, timeout: float = 5.0) -> CommandHandle[bool]:
        """Ask one door; resolves True when open."""
        return self.submit("door_state", lambda _t: self._checked_read(check_lock(lock, self.locks)),
                           timeout)

    def states_all(self, timeout: float = 10.0) -> CommandHandle[dict[int, bool]]:
        """Every door's state: {lock: open}."""
        return self.submit("states_all", lambda _t: self._read_all(), timeout)

    def _checked_read(self, lock: int) -> bool:
        try:
            is_open = self._physical(lock)
        except HalError as exc:
            self.set_status(DeviceState.OFFLINE, detail=exc.message)
            raise
        if self.status().state != DeviceState.ONLINE:
            self.set_status(DeviceState.ONLINE)
        self.tracker.seen(lock, is_open)
        return is_open

    def _read_all(self) -> dict[int, bool]:
        return {lock: self._checked_read(lock) for lock in range(1, self.locks + 1)}

    def _poll(self) -> None:
        self._read_all()
        self.set_status(DeviceState.ONLINE, detail=self.tracker.detail(self.locks))

    def _diagnostics(self) -> dict[str, Any]:
        return {"locks": self.locks, "open_doors": self.tracker.open_doors()}


def make(name: str, options: Mapping[str, Any]) -> SimulatedLocker:
    """Factory for the registry: options locks, poll_interval, left_open_s, close_after_s, stuck."""
    close_after = options.get("close_after_s")
    return SimulatedLocker(name, locks=int(option(options, "locks", 16)),
                           poll_interval=float(option(options, "poll_interval", 0.1)),
                           left_open_s=float(option(options, "left_open_s", 60.0)),
                           close_after_s=None if close_after is None else float(close_after),
                           stuck=tuple(option(options, "stuck", ())))
