"""DeviceHub: builds every configured driver, starts it, and relays its events to the core."""
from __future__ import annotations

import logging
from typing import Any, Callable, Mapping

from drivers.base import DeviceEvent, DeviceState, DeviceStatus, DeviceWorker
from drivers.registry import DEVICE_CLASSES, build_driver
from kiosk.config.model import DeviceConfig

log = logging.getLogger(__name__)


class MissingDevice(DeviceWorker):
    """Stands in for a device that is not configured or failed to build: a visible NO_DEVICE."""

    def __init__(self, name: str, reason: str) -> None:
        self.device_class = name
        super().__init__(name)
        self.reason = reason

    def _open(self) -> None:
        self.set_status(DeviceState.NO_DEVICE, detail=self.reason)


class DeviceHub:
    """Owns the drivers; the flow asks it for devices and statuses, never the drivers directly."""

    def __init__(self, devices: Mapping[str, DeviceWorker]) -> None:
        self.devices = dict(devices)
        self._listeners: list[Callable[[DeviceEvent], None]] = []
        for dev in self.devices.values():
            dev.add_listener(self._relay)

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
        device.add_listener(self._relay)
        self.devices[device_class] = device
        device.start()

    def get(self, device_class: str) -> Any:
        """The driver for a device class."""
        return self.devices[device_class]

    def statuses(self) -> dict[str, DeviceStatus]:
        """Status snapshot of every device (never blocks on hardware)."""
        return {name: dev.status() for name, dev in self.devices.items()}

    def diagnostics(self) -> list[dict]:
        """Redacted diagnostics of every device."""
        return [dev.diagnostics() for dev in self.devices.values()]
