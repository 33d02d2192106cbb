"""Records what a listener hears (view states, host events, device events), thread-safely."""
from __future__ import annotations

import threading
from typing import Any, Callable


class EventRecorder:
    """A listener callback that keeps everything it is called with, and the thread it came on."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self.threads: list[str] = []
        self._changed = threading.Condition()

    @property
    def events(self) -> list[Any]:
        """The recorded items (device tests call them events)."""
        return self.items

    def __call__(self, item: Any) -> None:
        with self._changed:
            self.items.append(item)
            self.threads.append(threading.current_thread().name)
            self._changed.notify_all()

    def kinds(self) -> list[str]:
        """The `kind` of every recorded device event, in order."""
        with self._changed:
            return [getattr(i, "kind", "") for i in self.items]

    def of(self, kind: str) -> list[Any]:
        """The recorded device events of one kind ("card_inserted", "error", …), in order."""
        with self._changed:
            return [i for i in self.items if getattr(i, "kind", None) == kind]

    def codes(self) -> list[Any]:
        """The codes of the recorded error events, in order."""
        return [getattr(e, "code", None) for e in self.of("error")]

    def of_type(self, kind: type) -> list[Any]:
        """The recorded items that are instances of kind."""
        with self._changed:
            return [i for i in self.items if isinstance(i, kind)]

    def matching(self, predicate: Callable[[Any], bool]) -> list[Any]:
        """The recorded items for which predicate holds."""
        with self._changed:
            return [i for i in self.items if predicate(i)]

    def wait_for(self, what: type | Callable[[Any], bool], pred: Callable[[Any], bool] = lambda i: True,
                 limit_s: float = 10.0, after: int = 0) -> Any:
        """Block until an item (of class `what`, or matching predicate `what`) and pred was recorded.

        For threaded tests only; the bound guards against hangs and is no timing assertion.
        """
        def match(item: Any) -> bool:
            ok = isinstance(item, what) if isinstance(what, type) else what(item)
            return bool(ok and pred(item))

        def find() -> Any:
            return next((i for i in self.items[after:] if match(i)), None)
        with self._changed:
            self._changed.wait_for(lambda: find() is not None, limit_s)
            found = find()
            if found is None:
                name = what.__name__ if isinstance(what, type) else "a matching item"
                raise AssertionError(f"no {name} within {limit_s:g} s; got "
                                     f"{[type(i).__name__ for i in self.items[-5:]]}")
            return found

    def mark(self) -> int:
        """How many items were recorded so far: pass as `after=` to wait only for newer ones."""
        with self._changed:
            return len(self.items)

    def clear(self) -> None:
        """Forget what was recorded."""
        with self._changed:
            self.items.clear()
            self.threads.clear()
