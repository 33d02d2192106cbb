"""HAL contract shared by every device class: status vocabulary, events, errors and the worker thread."""
from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Mapping, TypeVar

from drivers.commands import (CancelToken, CommandCancelled, CommandHandle, CommandTimeout,
                              HalError, _safe_call)
from drivers.events import (DeviceErrorEvent, DeviceEvent, RecommendedAction, StatusChanged,
                            make_event)
from drivers.reconnect import Backoff

log = logging.getLogger(__name__)

T = TypeVar("T")


class DeviceState(str, Enum):
    """Device state, after CEN/XFS and XFS4IoT."""

    ONLINE = "online"
    OFFLINE = "offline"
    POWER_OFF = "power_off"
    NO_DEVICE = "no_device"
    HARDWARE_ERROR = "hardware_error"
    USER_ERROR = "user_error"
    BUSY = "busy"


class MediaState(str, Enum):
    """Media state: card presence for readers, paper level for printers."""

    NOT_SUPPORTED = "not_supported"
    UNKNOWN = "unknown"
    PRESENT = "present"
    ABSENT = "absent"
    PAPER_FULL = "paper_full"
    PAPER_LOW = "paper_low"
    PAPER_OUT = "paper_out"
    JAMMED = "jammed"


@dataclass(frozen=True)
class DeviceStatus:
    """A snapshot of one device's state, as the core and the diagnostics see it."""

    device: str
    state: DeviceState
    media: MediaState = MediaState.NOT_SUPPORTED
    detail: str = ""

    @property
    def usable(self) -> bool:
        """True when the device can take a command now (or once it is free)."""
        return self.state in (DeviceState.ONLINE, DeviceState.BUSY)


ErrorEvent = DeviceErrorEvent  # the old name, kept for current consumers
__all__ = ["CancelToken", "CommandCancelled", "CommandHandle", "CommandTimeout", "DeviceEvent",
           "DeviceErrorEvent", "DeviceState", "DeviceStatus", "DeviceWorker", "ErrorEvent",
           "HalError", "MediaState", "RecommendedAction"]


_STOP = object()


class DeviceWorker:
    """Base of every driver: one worker thread that runs commands in order and polls when idle.

    Subclasses implement `_open()`, `_close()` and optionally `_poll()`; public commands call
    `self.submit(name, fn, timeout)` where fn(token) runs on the worker thread.
    """

    device_class = "device"
    poll_interval: float | None = None
    # Reconnect policy, shared by every driver: a failed `_open` (or `max_poll_failures` polls in
    # a row raising HalError) leaves the device NO_DEVICE/OFFLINE and `_open` is retried after
    # capped exponential backoff; logged once per outage and once on recovery.
    reopen_backoff: tuple[float, float] = (0.5, 8.0)
    max_poll_failures = 3

    def __init__(self, name: str | None = None) -> None:
        self.name = name or self.device_class
        self._queue: "queue.Queue[Any]" = queue.Queue()
        self._listeners: list[Callable[[DeviceEvent], None]] = []
        self._listeners_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._status = DeviceStatus(self.name, DeviceState.OFFLINE, self.initial_media())
        self._status_lock = threading.Lock()
        self._last_error: HalError | None = None
        self._opened = False
        self._reconnect = Backoff(*self.reopen_backoff)
        self._poll_failures = 0
        self._open_error: HalError | None = None
        self._opens = 0

    # --- contract -------------------------------------------------------------------------
    def capabilities(self) -> Mapping[str, Any]:
        """What this device can do (static facts)."""
        return {}

    def initial_media(self) -> MediaState:
        """Media state before the first poll."""
        return MediaState.NOT_SUPPORTED

    def _open(self) -> None:
        """Open the transport; raise HalError on failure (runs on the worker thread)."""

    def _close(self) -> None:
        """Release the transport (runs on the worker thread)."""

    def _poll(self) -> None:
        """Refresh status and raise events while idle (runs on the worker thread)."""

    def _diagnostics(self) -> dict[str, Any]:
        """Driver-specific diagnostics, already redacted."""
        return {}

    # --- lifecycle --------------------------------------------------------------------------
    def start(self) -> None:
        """Start the worker thread, which opens the device."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name=f"hal-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the worker thread and close the device."""
        if self._thread is None:
            return
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self._thread = None

    # --- status and events ------------------------------------------------------------------
    def status(self) -> DeviceStatus:
        """The latest status snapshot (never blocks on the device)."""
        with self._status_lock:
            return self._status

    def add_listener(self, cb: Callable[[DeviceEvent], None]) -> None:
        """Register cb(event); it runs on the worker thread and must not block."""
        with self._listeners_lock:
            self._listeners.append(cb)

    def remove_listener(self, cb: Callable[[DeviceEvent], None]) -> None:
        """Unregister a listener."""
        with self._listeners_lock:
            if cb in self._listeners:
                self._listeners.remove(cb)

    def emit(self, event: DeviceEvent | str, **data: Any) -> None:
        """Send an event to every listener: a typed event, or a kind plus its fields."""
        if isinstance(event, str):
            event = make_event(self.name, event, data)
        self._emit_event(event)

    def emit_error(self, error: HalError) -> None:
        """Send an error event and remember it for diagnostics."""
        self._last_error = error
        self._emit_event(error.to_event(self.name))

    def _emit_event(self, event: DeviceEvent) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for cb in listeners:
            _safe_call(cb, event)

    def set_status(self, state: DeviceState | None = None, media: MediaState | None = None,
                   detail: str | None = None) -> None:
        """Update the status; emits a `status` event when anything changed."""
        with self._status_lock:
            old = self._status
            new = DeviceStatus(self.name, state or old.state, media or old.media,
                               old.detail if detail is None else detail)
            self._status = new
        if new != old:
            if old.state != new.state:
                log.info("%s: %s -> %s %s", self.name, old.state.value, new.state.value, new.detail)
            self.emit(StatusChanged(self.name, status=new))

    def diagnostics(self) -> dict[str, Any]:
        """Redacted facts for field staff: status, capabilities, last error, driver details."""
        st = self.status()
        out: dict[str, Any] = {
            "device": self.name,
            "class": self.device_class,
            "driver": type(self).__name__,
            "state": st.state.value,
            "media": st.media.value,
            "detail": st.detail,
            "capabilities": dict(self.capabilities()),
        }
        if self._last_error is not None:
            out["last_error"] = {"code": self._last_error.code,
                                 "message": self._last_error.message,
                                 "action": self._last_error.action.value}
        out.update(self._diagnostics())
        return out

    # --- commands ---------------------------------------------------------------------------
    def submit(self, name: str, fn: Callable[[CancelToken], T],
               timeout: float | None = None) -> CommandHandle[T]:
        """Queue fn(token) on the worker thread; the handle resolves with its result or error."""
        token = CancelToken(name, timeout)
        handle: CommandHandle[T] = CommandHandle(name, token)
        if timeout is not None:
            timer = threading.Timer(timeout, lambda: (token.cancel(),
                                    handle._finish(error=CommandTimeout(name, timeout))))
            timer.daemon = True
            timer.start()
            handle.add_done_callback(lambda _h: timer.cancel())
        self._queue.put((handle, fn))
        if self._thread is None:
            handle._finish(error=HalError("not_started", f"{self.name} is not started",
                                          RecommendedAction.CALL_STAFF))
        return handle

    def _run(self) -> None:
        self._try_open()
        while True:
            timeout = self.poll_interval
            if not self._opened:
                wait = self._reconnect.remaining()
                timeout = wait if timeout is None else min(timeout, wait)
            try:
                item = self._queue.get(timeout=timeout)
            except queue.Empty:
                if not self._opened:
                    if self._reconnect.due():
                        self._try_open()
                    continue
                self._safe_poll()
                continue
            if item is _STOP:
                break
            handle, fn = item
            if handle.done():
                continue
            try:
                result = fn(handle.token)
            except HalError as exc:
                handle._finish(error=exc)
            except Exception as exc:  # a driver bug still resolves the handle
                log.exception("%s: command %s failed", self.name, handle.name)
                handle._finish(error=HalError("driver_error", f"{handle.name}: {exc}",
                                              RecommendedAction.CALL_STAFF))
            else:
                handle._finish(result=result)
        try:
            self._close()
        except Exception:
            log.exception("%s: close failed", self.name)
        self._opened = False
        self.set_status(DeviceState.OFFLINE)

    @property
    def opened(self) -> bool:
        """True while the transport is open (the base retries `_open` with backoff otherwise)."""
        return self._opened

    def _try_open(self) -> bool:
        """Open the transport once (worker thread); on failure schedule a reopen with backoff."""
        try:
            self._open()
        except HalError as exc:
            self._open_failed(DeviceState.NO_DEVICE, exc.message, exc)
            return False
        except Exception as exc:
            if self._reconnect.failures == 0:
                log.exception("%s: open failed", self.name)
            self._open_failed(DeviceState.HARDWARE_ERROR, str(exc), None)
            return False
        self._opened = True
        self._opens += 1
        self._poll_failures = 0
        self._open_error = None
        failed = self._reconnect.succeeded()
        if failed:
            log.info("%s: reconnected after %d failed attempt(s)", self.name, failed)
        return True

    @property
    def reopen_count(self) -> int:
        """How many times the transport was opened again after the first time."""
        return max(0, self._opens - 1)

    def open_error(self) -> HalError:
        """Why the transport is not open, as a HalError a command can raise."""
        return self._open_error or HalError("no_device", f"{self.name} is not connected.",
                                            RecommendedAction.CALL_STAFF)

    def _open_failed(self, state: DeviceState, detail: str, error: HalError | None,
                     media: MediaState | None = None) -> None:
        try:  # a half-open transport is released before the next attempt
            self._close()
        except Exception:
            log.exception("%s: close failed", self.name)
        first = self._reconnect.failures == 0
        self._opened = False
        self._open_error = error
        delay = self._reconnect.failed()
        self.set_status(state, media, detail=detail)
        if first:  # once per outage, not once per attempt
            log.warning("%s: cannot open (%s); retrying with backoff from %g s", self.name,
                        detail, delay)
            if error is not None:
                self.emit_error(error)

    def _connection_lost(self, error: HalError, media: MediaState | None = None) -> None:
        """Drivers call this when the transport died: close, go NO_DEVICE, reopen with backoff."""
        self._open_failed(DeviceState.NO_DEVICE, error.message, error, media)

    def _safe_poll(self) -> None:
        try:
            self._poll()
        except HalError as exc:
            if not self._opened:  # the driver already reported the lost transport
                return
            self._poll_failures += 1
            if self._poll_failures < self.max_poll_failures:
                self.emit_error(exc)
                return
            self._poll_failures = 0
            self._open_failed(DeviceState.OFFLINE, exc.message, exc)
        except Exception:
            log.exception("%s: poll failed", self.name)
        else:
            self._poll_failures = 0
