"""Records what a listener hears (view states, host events, device events), thread-safely."""
from __future__ import annotations

import threading
from typing import Any, Callable


class EventRecorder:
    """A listener callback that keeps everything it is called with."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)

    def __call__(self, item: Any) -> None:
        with self._changed:
            self.items.append(item)
            self._changed.notify_all()

    def of_type(self, kind: type) -> list[Any]:
        """The recorded items that are instances of kind."""
        with self._lock:
            return [i for i in self.items if isinstance(i, kind)]

    def matching(self, predicate: Callable[[Any], bool]) -> list[Any]:
        """The recorded items for which predicate holds."""
        with self._lock:
            return [i for i in self.items if predicate(i)]

    def wait_for(self, predicate: Callable[[Any], bool], limit_s: float = 10.0) -> Any:
        """Block until an item matching predicate was recorded (threaded tests only)."""
        with self._changed:
            found = self._changed.wait_for(
                lambda: next((i for i in self.items if predicate(i)), None) is not None, limit_s)
            if not found:
                raise AssertionError(f"nothing matching after {limit_s}s; got {self.items[-3:]}")
            return next(i for i in self.items if predicate(i))

    def clear(self) -> None:
        """Forget what was recorded."""
        with self._lock:
            self.items.clear()
