"""FleetClient: the kiosk's MQTT link (paho-mqtt 2.x on its own thread), telemetry and commands."""
from __future__ import annotations

import json
import logging
import ssl
import threading
from pathlib import Path
from urllib.parse import urlsplit

import paho.mqtt.client as mqtt

from kiosk.config.model import MqttConfig
from kiosk.fleet.commands import FleetCommands, run_command
from kiosk.fleet.telemetry import FleetTelemetry
from kiosk.fleet.topics import KioskTopics, discovery_messages

log = logging.getLogger(__name__)


class FleetClient:
    """Connects in the background, reconnects with backoff, and never blocks the kiosk.

    While the broker is away, telemetry only updates the local values; on every (re)connect the
    client publishes `online`, the discovery configs and every current value again.
    """

    def __init__(self, config: MqttConfig, commands: FleetCommands, app_version: str,
                 min_backoff_s: float = 1, max_backoff_s: float = 60, keepalive_s: int = 30) -> None:
        self.config, self.commands, self.app_version = config, commands, app_version
        self.topics = KioskTopics(config.kiosk_id)
        self.telemetry = FleetTelemetry(self.topics, self, heartbeat_s=config.heartbeat_s)
        self.connected = threading.Event()
        self.telemetry.set("app_version", app_version)
        self.connects = 0  # how many times the broker accepted us (tests watch reconnects)
        self.keepalive_s = keepalive_s
        self._client = self._build(min_backoff_s, max_backoff_s)

    def _build(self, min_backoff_s: float, max_backoff_s: float) -> mqtt.Client:
        c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"kiosk-{self.config.kiosk_id}",
                        protocol=mqtt.MQTTv311, clean_session=True)
        if self.config.username is not None:
            c.username_pw_set(self.config.username, _read_secret(self.config.password_file))
        if self.config.tls:
            c.tls_set(ca_certs=str(self.config.ca_file) if self.config.ca_file else None,
                      tls_version=ssl.PROTOCOL_TLS_CLIENT)
        c.will_set(self.topics.availability, "offline", qos=1, retain=True)
        c.reconnect_delay_set(min_delay=max(1, int(min_backoff_s)), max_delay=int(max_backoff_s))
        c.on_connect = self._on_connect
        c.on_disconnect = self._on_disconnect
        c.on_message = self._on_message
        return c

    def start(self) -> None:
        """Start the network thread; returns at once even when the broker is unreachable."""
        parts = urlsplit(self.config.url)
        port = parts.port or (8883 if self.config.tls else 1883)
        self._client.connect_async(parts.hostname, port, keepalive=self.keepalive_s)
        self._client.loop_start()

    def stop(self) -> None:
        """Say `offline` (when connected), disconnect and stop the network thread."""
        if self.connected.is_set():
            try:
                self._client.publish(self.topics.availability, "offline", qos=1,
                                     retain=True).wait_for_publish(2)
            except (RuntimeError, ValueError) as exc:  # the link dropped meanwhile: the will says it
                log.info("fleet: offline not sent on stop (%s)", exc)
        self._client.disconnect()
        self._client.loop_stop()

    def publish(self, topic: str, payload: str, retain: bool) -> bool:
        """Transport for FleetTelemetry: False (nothing queued) while disconnected."""
        if not self.connected.is_set():
            return False
        info = self._client.publish(topic, payload, qos=1, retain=retain)
        return info.rc == mqtt.MQTT_ERR_SUCCESS

    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            log.warning("fleet broker refused the connection: %s", reason_code)
            return
        self.connects += 1
        client.subscribe(self.topics.command, qos=1)
        client.publish(self.topics.availability, "online", qos=1, retain=True)
        for topic, payload in discovery_messages(self.topics, self.app_version):
            client.publish(topic, payload, qos=1, retain=True)
        self.connected.set()
        self.telemetry.republish_all()
        log.info("fleet broker connected (%d)", self.connects)

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        self.connected.clear()
        log.warning("fleet broker disconnected: %s; reconnecting with backoff", reason_code)

    def _on_message(self, client, userdata, message) -> None:
        if message.topic != self.topics.command:  # only our own command topic, whatever arrives
            return
        result = run_command(self.commands, message.payload)
        client.publish(self.topics.result, json.dumps(result, sort_keys=True), qos=1, retain=False)


def _read_secret(path: Path | None) -> str:
    """The broker password from its file (first line)."""
    if path is None:
        raise ValueError("mqtt.username is set but mqtt.password_file is not")
    from kiosk.fileio import FileReadError, read_text
    try:
        lines = read_text(path, max_bytes=4096).splitlines()
    except FileReadError as exc:
        raise ValueError(f"mqtt.password_file {path}: cannot read it ({exc.reason})") from None
    if not lines or not lines[0].strip():
        raise ValueError(f"mqtt.password_file {path}: is empty; put the broker password on line 1")
    return lines[0].strip()
