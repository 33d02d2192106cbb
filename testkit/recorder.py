"""EventRecorder: a device listener that keeps every event, with threads and a typed wait."""
from __future__ import annotations

import threading
from typing import Callable, TypeVar

from drivers.base import DeviceEvent

E = TypeVar("E", bound=DeviceEvent)


class EventRecorder:
    """Add as a listener; records events and the thread each one arrived on."""

    def __init__(self) -> None:
        self.events: list[DeviceEvent] = []
        self.threads: list[str] = []
        self._cond = threading.Condition()

    def __call__(self, event: DeviceEvent) -> None:
        with self._cond:
            self.events.append(event)
            self.threads.append(threading.current_thread().name)
            self._cond.notify_all()

    def kinds(self) -> list[str]:
        """The kinds seen so far, in order."""
        with self._cond:
            return [e.kind for e in self.events]

    def of_type(self, cls: type[E]) -> list[E]:
        """Events of one typed class, in order."""
        with self._cond:
            return [e for e in self.events if isinstance(e, cls)]

    def wait_for(self, cls: type[E], pred: Callable[[E], bool] = lambda e: True,
                 limit_s: float = 10.0, after: int = 0) -> E:
        """The first event of class cls (at index >= after) matching pred; AssertionError if none."""
        def find() -> E | None:
            for e in self.events[after:]:
                if isinstance(e, cls) and pred(e):
                    return e
            return None
        with self._cond:
            self._cond.wait_for(lambda: find() is not None, limit_s)
            found = find()
            if found is None:
                raise AssertionError(f"no {cls.__name__} within {limit_s:g} s; got "
                                     f"{[type(e).__name__ for e in self.events]}")
            return found

    def mark(self) -> int:
        """Index of the next event, for wait_for(after=...)."""
        with self._cond:
            return len(self.events)
