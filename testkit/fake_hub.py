"""A device hub without threads or hardware: the test sets statuses, emits events, ends prints.

Journey tests use it to run the flow host synchronously: every callback happens inside the
test's own call (`hub.printer.finish()`, `hub.emit(...)`), so no test waits or sleeps.
"""
from __future__ import annotations

from typing import Any, Callable

from drivers.base import DeviceEvent, DeviceState, DeviceStatus, MediaState

DEVICE_CLASSES = ("card_reader", "printer", "qr_camera", "document_camera", "locker")


class FakeHandle:
    """A command handle resolved by the test (same interface as drivers.base.CommandHandle)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._done = False
        self._result: Any = None
        self._error: BaseException | None = None
        self._callbacks: list[Callable[["FakeHandle"], None]] = []

    def finish(self, result: Any = None, error: BaseException | None = None) -> None:
        """Resolve now; callbacks run on the caller's thread."""
        if self._done:
            return
        self._done, self._result, self._error = True, result, error
        callbacks, self._callbacks = self._callbacks, []
        for cb in callbacks:
            cb(self)

    def done(self) -> bool:
        """True once finished."""
        return self._done

    def result(self, timeout: float | None = None) -> Any:
        """The result (raises the error); never waits: a fake is finished by the test."""
        if not self._done:
            raise TimeoutError(self.name)
        if self._error is not None:
            raise self._error
        return self._result

    def exception(self) -> BaseException | None:
        """The error, or None."""
        return self._error

    def add_done_callback(self, cb: Callable[["FakeHandle"], None]) -> None:
        """cb(handle) when finished (at once if already finished)."""
        if self._done:
            cb(self)
        else:
            self._callbacks.append(cb)


class FakeDevice:
    """One device: a status the test sets; the hub relays its status changes."""

    def __init__(self, hub: "FakeDeviceHub", name: str) -> None:
        self.hub = hub
        self.device_class = name
        self._status = DeviceStatus(name, DeviceState.ONLINE)

    def status(self) -> DeviceStatus:
        """The status snapshot."""
        return self._status

    def set_status(self, state: DeviceState, media: MediaState = MediaState.NOT_SUPPORTED,
                   detail: str = "") -> None:
        """Change the status and emit a "status" event, as a driver does."""
        self._status = DeviceStatus(self.device_class, state, media, detail)
        self.hub.emit(self.device_class, "status", status=self._status)


class FakePrinter(FakeDevice):
    """Keeps every job; each print waits until the test calls `finish`."""

    def __init__(self, hub: "FakeDeviceHub", name: str = "printer") -> None:
        super().__init__(hub, name)
        self.printed: list[Any] = []
        self.pending: list[FakeHandle] = []

    def print_job(self, job: Any, timeout: float = 60.0) -> FakeHandle:
        """Queue a job; returns at once."""
        self.printed.append(job)
        handle = FakeHandle("print_job")
        self.pending.append(handle)
        return handle

    def finish(self, error: BaseException | None = None) -> None:
        """End the oldest pending print (with error, or successfully)."""
        handle = self.pending.pop(0)
        handle.finish(getattr(self.printed[-1], "job_id", None), error)


class FakeCamera(FakeDevice):
    """A camera whose newest frame and scanning flag the test controls."""

    def __init__(self, hub: "FakeDeviceHub", name: str) -> None:
        super().__init__(hub, name)
        self.scanning = False
        self.frame: Any = None

    def set_scanning(self, on: bool) -> None:
        """Start or stop decoding."""
        self.scanning = on

    def latest_frame(self) -> Any:
        """The frame the test set (a numpy BGR image) or None."""
        return self.frame


class FakeDeviceHub:
    """The kiosk.devices.DeviceHub interface over fake devices; events are delivered at once."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[DeviceEvent], None]] = []
        self.printer = FakePrinter(self)
        self.qr_camera = FakeCamera(self, "qr_camera")
        self.document_camera = FakeCamera(self, "document_camera")
        self.card_reader = FakeDevice(self, "card_reader")
        self.locker = FakeDevice(self, "locker")
        self.devices = {name: getattr(self, name) for name in DEVICE_CLASSES}

    def add_listener(self, cb: Callable[[DeviceEvent], None]) -> None:
        """cb(event) for every event."""
        self._listeners.append(cb)

    def emit(self, device: str, kind: str, **data: Any) -> None:
        """Deliver an event to every listener now, on the caller's thread."""
        event = DeviceEvent(device, kind, data)
        for cb in list(self._listeners):
            cb(event)

    def get(self, device_class: str) -> Any:
        """The device of a class."""
        return self.devices[device_class]

    def statuses(self) -> dict[str, DeviceStatus]:
        """Status of every device."""
        return {name: dev.status() for name, dev in self.devices.items()}

    def start(self) -> None:
        """Nothing to start."""

    def stop(self) -> None:
        """Nothing to stop."""
