"""Publish-on-change telemetry: the latest value of every object, sent when it changes."""
from __future__ import annotations

import json
import re
import threading
import time
from typing import Any, Callable, Protocol

from drivers.base import DeviceState, DeviceStatus, MediaState
from kiosk.fleet.topics import SENSORS, KioskTopics
from kiosk.privacy import mask_id

# uptime and disk space change every second: they ride on the slow heartbeat, never on change
HEARTBEAT_ONLY = ("uptime", "disk_free")
_MAX_TEXT = 120
_LONG_NUMBER = re.compile(r"\d[\dXx*-]{5,}")  # ID, phone, card and case numbers
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PAPER = {MediaState.PAPER_FULL: "full", MediaState.PAPER_LOW: "low",
          MediaState.PAPER_OUT: "out", MediaState.JAMMED: "jammed"}


class Transport(Protocol):
    """Where messages go: the MQTT client, or a counter in the benchmark."""

    def publish(self, topic: str, payload: str, retain: bool) -> bool:
        """Send one message; False when it could not be handed to the broker now."""


def scrub(text: Any) -> str:
    """Telemetry text with anything that could identify a resident masked, capped in length."""
    s = " ".join(str(text).split())
    s = _EMAIL.sub("***@***", s)
    s = _LONG_NUMBER.sub(lambda m: mask_id(m.group(0)), s)
    return s[:_MAX_TEXT]


def paper_level(status: DeviceStatus) -> str:
    """The printer's paper level as one word: full, low, out, jammed or unknown."""
    return _PAPER.get(status.media, "unknown")


class FleetTelemetry:
    """Keeps the last value of each telemetry object and publishes only changes (+ a heartbeat)."""

    def __init__(self, topics: KioskTopics, transport: Transport, heartbeat_s: float = 300,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.topics, self.transport, self.heartbeat_s, self.clock = topics, transport, heartbeat_s, clock
        self._started = clock()
        self._values: dict[str, str] = {}
        self._sent: dict[str, str] = {}
        self._last_heartbeat: float | None = None
        self._lock = threading.Lock()

    def set(self, object_id: str, value: Any) -> None:
        """Record a value; publish it now if it changed (heartbeat-only values wait)."""
        if object_id not in SENSORS:
            raise KeyError(f"unknown telemetry object {object_id!r}; known: {', '.join(SENSORS)}")
        text = scrub(value)
        with self._lock:
            self._values[object_id] = text
            if object_id in HEARTBEAT_ONLY or self._sent.get(object_id) == text:
                return
            self._send(object_id, text)

    def device_status(self, status: DeviceStatus) -> None:
        """Record one device's status (and the paper level and last error it implies)."""
        self.set(f"device_{status.device}", status.state.value)
        if status.device == "printer":
            self.set("paper", paper_level(status))
        if status.state in (DeviceState.HARDWARE_ERROR, DeviceState.USER_ERROR):
            detail = f": {status.detail}" if status.detail else ""
            self.set("last_error", f"{status.device} {status.state.value}{detail}")

    def call_staff(self, reason: str = "") -> bool:
        """Send a call-staff event (not retained: an operator sees it once, when it happens)."""
        payload = {"event_type": "call_staff"}
        if reason:
            payload["reason"] = scrub(reason)
        return self.transport.publish(self.topics.call_staff, json.dumps(payload), False)

    def tick(self) -> None:
        """Call often (every poll); sends the heartbeat values when one is due, else nothing."""
        now = self.clock()
        if self._last_heartbeat is not None and now - self._last_heartbeat < self.heartbeat_s:
            return
        self._last_heartbeat = now
        with self._lock:
            self._values["uptime"] = str(int(now - self._started))
            for object_id in HEARTBEAT_ONLY:
                if object_id in self._values:
                    self._send(object_id, self._values[object_id])

    def republish_all(self) -> None:
        """Send every known value (after a (re)connect: the broker may have lost retained state)."""
        with self._lock:
            self._values["uptime"] = str(int(self.clock() - self._started))
            self._sent.clear()
            for object_id, text in self._values.items():
                self._send(object_id, text)

    def values(self) -> dict[str, str]:
        """A copy of the latest values (for diagnostics and tests)."""
        with self._lock:
            return dict(self._values)

    def _send(self, object_id: str, text: str) -> None:
        if self.transport.publish(self.topics.state(object_id), text, True):
            self._sent[object_id] = text
