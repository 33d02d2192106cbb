"""Results-locker contract: door commands, door events, and the door tracker every driver shares."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Mapping, Protocol, runtime_checkable

from drivers.base import CommandHandle, DeviceStatus, HalError, RecommendedAction
from drivers.events import TypedEvent


@dataclass(frozen=True, kw_only=True)
class DoorOpened(TypedEvent):
    """A locker door was seen open (after a command or by hand)."""

    KIND: ClassVar[str] = "door_opened"
    lock: int = 0


@dataclass(frozen=True, kw_only=True)
class DoorClosed(TypedEvent):
    """A locker door was seen closed again; `open_s` is how long it stood open."""

    KIND: ClassVar[str] = "door_closed"
    lock: int = 0
    open_s: float = 0.0


@dataclass(frozen=True, kw_only=True)
class DoorLeftOpen(TypedEvent):
    """A door has stood open longer than the configured time (announced once per opening)."""

    KIND: ClassVar[str] = "door_left_open"
    lock: int = 0
    open_s: float = 0.0


@dataclass(frozen=True, kw_only=True)
class DoorDidNotOpen(TypedEvent):
    """An open command did not open the door (the board answered, the door stayed closed)."""

    KIND: ClassVar[str] = "door_did_not_open"
    lock: int = 0


@runtime_checkable
class ResultsLocker(Protocol):
    """A bank of numbered doors, each with a lock, opened one at a time."""

    name: str
    locks: int

    def start(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...
    def status(self) -> DeviceStatus: ...
    def open_door(self, lock: int, timeout: float = 5.0) -> CommandHandle[bool]: ...
    def door_state(self, lock: int, timeout: float = 5.0) -> CommandHandle[bool]: ...
    def states_all(self, timeout: float = 10.0) -> CommandHandle[dict[int, bool]]: ...
    def add_listener(self, cb: Any) -> None: ...
    def remove_listener(self, cb: Any) -> None: ...
    def diagnostics(self) -> dict: ...


def check_lock(lock: Any, locks: int) -> int:
    """The lock number, or HalError bad_lock naming the allowed range."""
    if isinstance(lock, bool) or not isinstance(lock, int) or not 1 <= lock <= locks:
        raise HalError("bad_lock", f"Door {lock!r} does not exist: doors are 1 to {locks}.",
                       RecommendedAction.NONE)
    return lock


def door_not_open(name: str, lock: int) -> HalError:
    """The error for a door that stayed shut after its open command."""
    return HalError("door_not_open", f"Door {lock} of {name} did not open.",
                    RecommendedAction.CALL_STAFF)


class DoorTracker:
    """Turns successive door readings into DoorOpened / DoorClosed / DoorLeftOpen, once each."""

    def __init__(self, device: str, left_open_s: float,
                 emit: Callable[[TypedEvent], None],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.device, self.left_open_s = device, left_open_s
        self._emit, self._clock = emit, clock
        self.doors: dict[int, bool] = {}
        self._opened_at: dict[int, float] = {}
        self._announced: set[int] = set()

    def seen(self, lock: int, is_open: bool) -> None:
        """Record one reading of a door and emit what changed."""
        now = self._clock()
        was = self.doors.get(lock)
        self.doors[lock] = is_open
        if is_open and was is not True:
            self._opened_at[lock] = now
            self._announced.discard(lock)
            self._emit(DoorOpened(self.device, lock=lock))
        elif not is_open and was is True:
            open_s = round(now - self._opened_at.pop(lock, now), 3)
            self._announced.discard(lock)
            self._emit(DoorClosed(self.device, lock=lock, open_s=open_s))
        if is_open and lock not in self._announced:
            open_s = now - self._opened_at.get(lock, now)
            if open_s >= self.left_open_s:
                self._announced.add(lock)
                self._emit(DoorLeftOpen(self.device, lock=lock, open_s=round(open_s, 3)))

    def open_doors(self) -> list[int]:
        """Doors last seen open."""
        return sorted(k for k, v in self.doors.items() if v)

    def detail(self, locks: int) -> str:
        """Status detail: how many doors, which are open (no personal data)."""
        open_doors = self.open_doors()
        return f"{locks} doors, open: {', '.join(map(str, open_doors))}" if open_doors \
            else f"{locks} doors, all closed"


def option(options: Mapping[str, Any], key: str, default: Any) -> Any:
    """An option's value or its default."""
    value = options.get(key)
    return default if value is None else value
