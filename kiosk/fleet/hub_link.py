"""Feeds device statuses from the DeviceHub into fleet telemetry."""
from __future__ import annotations

import dataclasses

from drivers.base import DeviceEvent
from kiosk.devices import DeviceHub
from kiosk.fleet.telemetry import FleetTelemetry


def watch_devices(hub: DeviceHub, telemetry: FleetTelemetry) -> None:
    """Publish every device's current status now and each status change from now on."""
    def on_event(event: DeviceEvent) -> None:
        if event.kind != "status":
            return
        for device_class, device in hub.devices.items():
            if device.name == event.device:
                status = device.status()
                telemetry.device_status(dataclasses.replace(status, device=device_class))

    hub.add_listener(on_event)
    for device_class, device in hub.devices.items():
        telemetry.device_status(dataclasses.replace(device.status(), device=device_class))
