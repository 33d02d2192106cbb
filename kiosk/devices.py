"""DeviceHub: builds every configured driver, starts it, and relays its events to the core."""
from __future__ import annotations

import logging
import warnings
from typing import Any, Callable, Mapping, cast

from drivers.base import (CancelToken, CommandHandle, DeviceEvent, DeviceState, DeviceStatus,
                          DeviceWorker, HalError, RecommendedAction)
from drivers.card_reader.base import CardReader
from drivers.document_camera.base import DocumentCamera
from drivers.locker.base import ResultsLocker
from drivers.printer.base import ReceiptPrinter
from drivers.qr_camera.base import QrCamera
from drivers.registry import DEVICE_CLASSES, build_driver
from kiosk.config.model import DeviceConfig
from kiosk.sim_codes import demo_code

log = logging.getLogger(__name__)


class MissingDevice(DeviceWorker):
    """Stands in for a device that is not configured or failed to build: a visible NO_DEVICE."""

    def __init__(self, name: str, reason: str) -> None:
        self.device_class = name
        super().__init__(name)
        self.reason = reason

    def _open(self) -> None:
        self.set_status(DeviceState.NO_DEVICE, detail=self.reason)

    def _missing(self, name: str, timeout: float = 0.0) -> CommandHandle[Any]:
        """A command to a missing device fails at once with the real reason."""
        def fail(_token: CancelToken) -> Any:
            raise HalError("no_device", f"{self.name} is not available: {self.reason}",
                           RecommendedAction.CALL_STAFF)
        return self.submit(name, fail, timeout or None)

    def print_job(self, job: Any, timeout: float = 30.0) -> CommandHandle[str]:
        """Fails at once: there is no printer."""
        return self._missing("print_job", timeout)

    def read_card(self, timeout: float = 10.0) -> CommandHandle[Any]:
        """Fails at once: there is no card reader."""
        return self._missing("read_card", timeout)

    def capture(self, timeout: float = 20.0) -> CommandHandle[Any]:
        """Fails at once: there is no document camera."""
        return self._missing("capture", timeout)

    def open_door(self, lock: int, timeout: float = 5.0) -> CommandHandle[bool]:
        """Fails at once: there is no locker."""
        return self._missing("open_door", timeout)

    def door_state(self, lock: int, timeout: float = 5.0) -> CommandHandle[bool]:
        """Fails at once: there is no locker."""
        return self._missing("door_state", timeout)

    def states_all(self, timeout: float = 10.0) -> CommandHandle[dict]:
        """Fails at once: there is no locker."""
        return self._missing("states_all", timeout)

    @property
    def scanning(self) -> bool:
        """Never scanning: there is no camera."""
        return False

    def set_scanning(self, on: bool) -> None:
        """Nothing to switch: there is no camera."""

    def latest_frame(self) -> None:
        """No camera, no frame."""
        return None

    def latest_frame_counter(self) -> int:
        """No camera, no frame."""
        return 0


class DeviceHub:
    """Owns the drivers; the flow asks it for devices and statuses, never the drivers directly."""

    def __init__(self, devices: Mapping[str, DeviceWorker]) -> None:
        self.devices = dict(devices)
        self._listeners: list[Callable[[DeviceEvent], None]] = []
        for dev in self.devices.values():
            self._adopt(dev)

    def _adopt(self, device: DeviceWorker) -> None:
        device.add_listener(self._relay)
        if hasattr(device, "set_code_maker"):  # a simulated camera shows this kiosk's own codes
            device.set_code_maker(demo_code)

    @classmethod
    def from_config(cls, configs: Mapping[str, DeviceConfig]) -> "DeviceHub":
        """Build each configured driver; a class not configured or failing to build is missing."""
        devices: dict[str, DeviceWorker] = {}
        for device_class in DEVICE_CLASSES:
            cfg = configs.get(device_class)
            if cfg is None:
                devices[device_class] = MissingDevice(device_class, "not configured")
                continue
            try:
                devices[device_class] = build_driver(device_class, cfg.driver, cfg.options)
            except Exception as exc:  # a broken driver must not stop the kiosk: show it missing
                log.error("%s: driver %s failed to build: %s", device_class, cfg.driver, exc)
                devices[device_class] = MissingDevice(device_class, f"{cfg.driver}: {exc}")
        return cls(devices)

    def add_listener(self, cb: Callable[[DeviceEvent], None]) -> None:
        """cb(event) for every event of every device (called on device threads)."""
        self._listeners.append(cb)

    def _relay(self, event: DeviceEvent) -> None:
        for cb in list(self._listeners):
            cb(event)

    def start(self) -> None:
        """Start every device's worker thread."""
        for dev in self.devices.values():
            dev.start()

    def stop(self) -> None:
        """Stop every device."""
        for dev in self.devices.values():
            dev.stop()

    def replace(self, device_class: str, device: DeviceWorker) -> None:
        """Swap in another driver (after a repair, or a test's camera); stops the old one."""
        old = self.devices.get(device_class)
        if old is not None:
            old.remove_listener(self._relay)
            old.stop()
        self._adopt(device)
        self.devices[device_class] = device
        device.start()

    def get(self, device_class: str) -> Any:
        """The driver for a device class (deprecated: use the typed accessors below)."""
        warnings.warn("DeviceHub.get() is deprecated; use hub.printer, hub.card_reader, "
                      "hub.qr_camera or hub.document_camera", DeprecationWarning, stacklevel=2)
        return self.devices[device_class]

    @property
    def printer(self) -> ReceiptPrinter:
        """The receipt printer (a MissingDevice showing NO_DEVICE when there is none)."""
        return cast(ReceiptPrinter, self.devices["printer"])

    @property
    def card_reader(self) -> CardReader:
        """The identity-document reader."""
        return cast(CardReader, self.devices["card_reader"])

    @property
    def qr_camera(self) -> QrCamera:
        """The camera that reads QR codes."""
        return cast(QrCamera, self.devices["qr_camera"])

    @property
    def document_camera(self) -> DocumentCamera:
        """The camera over the scanning plate."""
        return cast(DocumentCamera, self.devices["document_camera"])

    @property
    def locker(self) -> ResultsLocker:
        """The results locker (a MissingDevice showing NO_DEVICE when the kiosk has none)."""
        return cast(ResultsLocker, self.devices["locker"])

    def statuses(self) -> dict[str, DeviceStatus]:
        """Status snapshot of every device (never blocks on hardware)."""
        return {name: dev.status() for name, dev in self.devices.items()}

    def diagnostics(self) -> list[dict]:
        """Redacted diagnostics of every device."""
        return [dev.diagnostics() for dev in self.devices.values()]
