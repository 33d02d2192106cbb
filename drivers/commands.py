"""Commands on a device's worker thread: HalError family, cancellation token and the caller's handle."""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Generic, TypeVar

from drivers.events import DeviceErrorEvent, RecommendedAction

log = logging.getLogger("drivers.base")

T = TypeVar("T")


class HalError(Exception):
    """A documented device error: every driver raises only this family to its callers."""

    def __init__(self, code: str, message: str,
                 action: RecommendedAction = RecommendedAction.RETRY) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.action = action

    def to_event(self, device: str) -> DeviceErrorEvent:
        """The error as a typed event for listeners."""
        return DeviceErrorEvent(device, code=self.code, message=self.message, action=self.action)


class CommandTimeout(HalError):
    """A command did not finish within its timeout."""

    def __init__(self, name: str, timeout: float) -> None:
        super().__init__("timeout", f"{name} did not finish within {timeout:g} s",
                         RecommendedAction.RETRY)


class CommandCancelled(HalError):
    """A command was cancelled before it finished."""

    def __init__(self, name: str) -> None:
        super().__init__("cancelled", f"{name} was cancelled", RecommendedAction.NONE)


class CancelToken:
    """Lets a running command notice cancellation or its deadline, and sleep interruptibly."""

    def __init__(self, name: str, timeout: float | None) -> None:
        self.name = name
        self.timeout = timeout
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the command to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once cancel() was called."""
        return self._event.is_set()

    def remaining(self) -> float | None:
        """Seconds left before the deadline (None when there is none)."""
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - time.monotonic())

    def check(self) -> None:
        """Raise CommandCancelled or CommandTimeout when the command should stop."""
        if self._event.is_set():
            raise CommandCancelled(self.name)
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise CommandTimeout(self.name, self.timeout or 0.0)

    def sleep(self, seconds: float) -> None:
        """Sleep up to `seconds`, waking early on cancellation; then check()."""
        rem = self.remaining()
        if rem is not None:
            seconds = min(seconds, rem)
        self._event.wait(max(0.0, seconds))
        self.check()


class CommandHandle(Generic[T]):
    """The caller's side of a submitted command: wait, cancel, or get a callback."""

    def __init__(self, name: str, token: CancelToken) -> None:
        self.name = name
        self.token = token
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._result: Any = None
        self._error: BaseException | None = None
        self._callbacks: list[Callable[["CommandHandle[T]"], None]] = []

    def _finish(self, result: Any = None, error: BaseException | None = None) -> bool:
        with self._lock:
            if self._done.is_set():
                return False
            self._result, self._error = result, error
            self._done.set()
            callbacks, self._callbacks = self._callbacks, []
        for cb in callbacks:
            _safe_call(cb, self)
        return True

    def cancel(self) -> None:
        """Cancel the command; the handle resolves with CommandCancelled at once."""
        self.token.cancel()
        self._finish(error=CommandCancelled(self.name))

    def done(self) -> bool:
        """True once the command has a result or an error."""
        return self._done.is_set()

    def result(self, timeout: float | None = None) -> T:
        """Wait for the result (never call this on the UI thread); raise the command's error."""
        if not self._done.wait(timeout):
            raise CommandTimeout(self.name, timeout or 0.0)
        if self._error is not None:
            raise self._error
        return self._result

    def exception(self) -> BaseException | None:
        """The error once done, or None."""
        return self._error

    def add_done_callback(self, cb: Callable[["CommandHandle[T]"], None]) -> None:
        """Call cb(handle) when done (on the worker thread, or now if already done)."""
        with self._lock:
            if not self._done.is_set():
                self._callbacks.append(cb)
                return
        _safe_call(cb, self)


def _safe_call(cb: Callable[..., Any], *args: Any) -> None:
    try:
        cb(*args)
    except Exception:  # a broken listener must not take the device thread down
        log.exception("listener %r failed", cb)
