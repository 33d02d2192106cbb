"""Topic names and Home Assistant MQTT discovery payloads for one kiosk."""
from __future__ import annotations

import json
from dataclasses import dataclass

from drivers.registry import DEVICE_CLASSES

BASE = "onetrip"
DISCOVERY_PREFIX = "homeassistant"
COMMANDS = ("out_of_service", "in_service", "reload_catalog", "print_test_slip", "restart")

# object id -> (display name, icon); every one is a plain-text sensor on its own state topic
SENSORS: dict[str, tuple[str, str]] = {
    **{f"device_{name}": (f"Device {name.replace('_', ' ')}", "mdi:chip") for name in DEVICE_CLASSES},
    "paper": ("Paper level", "mdi:paper-roll"),
    "outbox_depth": ("Outbox depth", "mdi:tray-full"),
    "catalog_version": ("Catalog version", "mdi:book-open-variant"),
    "app_version": ("App version", "mdi:application"),
    "uptime": ("Uptime", "mdi:timer-outline"),
    "service": ("Service state", "mdi:store-check"),
    "disk_free": ("Disk free", "mdi:harddisk"),
    "last_error": ("Last error", "mdi:alert"),
}
_UNITS = {"outbox_depth": None, "uptime": "s", "disk_free": "MB"}


@dataclass(frozen=True)
class KioskTopics:
    """Every topic one kiosk publishes to or listens on."""

    kiosk_id: str

    @property
    def root(self) -> str:
        """onetrip/<kiosk id>."""
        return f"{BASE}/{self.kiosk_id}"

    @property
    def availability(self) -> str:
        """Retained online/offline (offline is the broker-held last will)."""
        return f"{self.root}/status"

    @property
    def command(self) -> str:
        """The only topic the kiosk takes commands from."""
        return f"{self.root}/command"

    @property
    def result(self) -> str:
        """Where each command is acknowledged."""
        return f"{self.root}/result"

    @property
    def call_staff(self) -> str:
        """Call-staff events (not retained)."""
        return f"{self.root}/event/call_staff"

    def state(self, object_id: str) -> str:
        """The retained state topic of one telemetry value."""
        return f"{self.root}/state/{object_id}"

    def discovery(self, component: str, object_id: str) -> str:
        """homeassistant/<component>/<kiosk id>/<object>/config."""
        return f"{DISCOVERY_PREFIX}/{component}/{self.kiosk_id}/{object_id}/config"


def discovery_messages(topics: KioskTopics, app_version: str) -> list[tuple[str, str]]:
    """(topic, JSON payload) of every retained discovery config: sensors, the event, the buttons."""
    kid = topics.kiosk_id
    device = {"identifiers": [f"onetrip_{kid}"], "name": f"OneTrip kiosk {kid}",
              "manufacturer": "OneTrip", "model": "Self-service kiosk", "sw_version": app_version}
    common = {"availability_topic": topics.availability, "payload_available": "online",
              "payload_not_available": "offline", "device": device}
    out: list[tuple[str, str]] = []
    for object_id, (name, icon) in SENSORS.items():
        cfg = {**common, "name": name, "icon": icon, "unique_id": f"{kid}_{object_id}",
               "object_id": f"{kid}_{object_id}", "state_topic": topics.state(object_id)}
        unit = _UNITS.get(object_id)
        if unit:
            cfg["unit_of_measurement"] = unit
        if object_id in ("outbox_depth", "uptime", "disk_free"):
            cfg["state_class"] = "measurement"
        out.append((topics.discovery("sensor", object_id), json.dumps(cfg, sort_keys=True)))
    event = {**common, "name": "Call staff", "unique_id": f"{kid}_call_staff",
             "object_id": f"{kid}_call_staff", "state_topic": topics.call_staff,
             "event_types": ["call_staff"], "icon": "mdi:account-alert"}
    out.append((topics.discovery("event", "call_staff"), json.dumps(event, sort_keys=True)))
    for command in COMMANDS:
        button = {**common, "name": command.replace("_", " ").capitalize(),
                  "unique_id": f"{kid}_{command}", "object_id": f"{kid}_{command}",
                  "command_topic": topics.command, "payload_press": command}
        out.append((topics.discovery("button", command), json.dumps(button, sort_keys=True)))
    return out
