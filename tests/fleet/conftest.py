"""Fixtures for the fleet tests: a real loopback Mosquitto and an operator MQTT client."""
from __future__ import annotations

import queue
import shutil
import ssl
import threading
import time
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest

from kiosk.config.model import MqttConfig
from kiosk.fleet.local_broker import LocalBroker

KIOSKS = {"kiosk-a": "secret-a", "kiosk-b": "secret-b"}
OPERATORS = {"operator": "op-secret"}

requires_mosquitto = pytest.mark.skipif(shutil.which("mosquitto") is None and
                                        not Path("/usr/sbin/mosquitto").exists(),
                                        reason="mosquitto not installed (.ci/bootstrap.sh installs it)")


@pytest.fixture(scope="module")
def broker(tmp_path_factory):
    """A real Mosquitto on 127.0.0.1 (free port) with TLS, a password file and the per-kiosk ACL."""
    if shutil.which("mosquitto") is None and not Path("/usr/sbin/mosquitto").exists():
        pytest.skip("mosquitto not installed (.ci/bootstrap.sh installs it)")
    b = LocalBroker(tmp_path_factory.mktemp("broker"), KIOSKS, OPERATORS).start()
    yield b
    b.stop()


def kiosk_config(broker: LocalBroker, tmp_path: Path, kiosk_id: str = "kiosk-a",
                 password: str | None = None, heartbeat_s: int = 300) -> MqttConfig:
    """The [mqtt] settings a kiosk would load, pointing at the test broker."""
    secret = tmp_path / f"{kiosk_id}.password"
    secret.write_text((password or KIOSKS[kiosk_id]) + "\n", encoding="utf-8")
    return MqttConfig(url=broker.url, kiosk_id=kiosk_id, username=kiosk_id, password_file=secret,
                      ca_file=broker.ca_file, heartbeat_s=heartbeat_s)


class Watcher:
    """An MQTT client (operator by default) that records every message it receives."""

    def __init__(self, broker: LocalBroker, user: str | None = "operator",
                 password: str | None = None, tls: bool = True) -> None:
        self.messages: "queue.Queue[mqtt.MQTTMessage]" = queue.Queue()
        self.seen: list[mqtt.MQTTMessage] = []
        self.connect_result: list = []
        self._connected = threading.Event()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv311)
        if user is not None:
            self.client.username_pw_set(user, password or {**OPERATORS, **KIOSKS}.get(user, ""))
        if tls:
            self.client.tls_set(ca_certs=str(broker.ca_file), tls_version=ssl.PROTOCOL_TLS_CLIENT)
        self.client.on_connect = self._on_connect
        self.client.on_message = lambda c, u, m: self.messages.put(m)
        self._acked: set[int] = set()
        self._ack = threading.Condition()
        self.client.on_subscribe = self._on_subscribe
        self.client.connect_async("127.0.0.1", broker.port, keepalive=30)
        self.client.loop_start()

    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        self.connect_result.append(reason_code)
        if not reason_code.is_failure:
            self._connected.set()

    def _on_subscribe(self, client, userdata, mid, reason_codes, properties) -> None:
        with self._ack:
            self._acked.add(mid)
            self._ack.notify_all()

    def wait_connected(self, timeout: float = 10) -> bool:
        """True once the broker accepted this client."""
        return self._connected.wait(timeout)

    def subscribe(self, *topics: str) -> None:
        """Subscribe (QoS 1) and wait for the broker's SUBACK, so later messages are not missed."""
        assert self.wait_connected(), f"watcher could not connect: {self.connect_result}"
        for t in topics:
            _, mid = self.client.subscribe(t, qos=1)
            with self._ack:
                assert self._ack.wait_for(lambda: mid in self._acked, 10), f"no SUBACK for {t}"

    def publish(self, topic: str, payload: str) -> None:
        """Publish QoS 1 and wait until the broker has it (or the link dropped)."""
        self.client.publish(topic, payload, qos=1).wait_for_publish(5)

    def wait_for(self, predicate, timeout: float = 10) -> mqtt.MQTTMessage | None:
        """The first message (seen or arriving) that satisfies predicate, or None at timeout."""
        for m in self.seen:
            if predicate(m):
                return m
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                m = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(m)
            if predicate(m):
                return m
        return None

    def drain(self, seconds: float) -> list[mqtt.MQTTMessage]:
        """Every message arriving in the next `seconds` (plus those already seen)."""
        self.wait_for(lambda m: False, timeout=seconds)
        return list(self.seen)

    def close(self) -> None:
        """Disconnect and stop the network thread."""
        self.client.disconnect()
        self.client.loop_stop()


class RecordingCommands:
    """A FleetCommands implementation that records what it was asked to do."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.called = threading.Event()

    def _record(self, name: str) -> str:
        self.calls.append(name)
        self.called.set()
        return f"{name} done"

    def out_of_service(self) -> str:
        """Record it."""
        return self._record("out_of_service")

    def in_service(self) -> str:
        """Record it."""
        return self._record("in_service")

    def reload_catalog(self) -> str:
        """Record it."""
        return self._record("reload_catalog")

    def print_test_slip(self) -> str:
        """Refuse, as a kiosk with an empty printer would."""
        self.calls.append("print_test_slip")
        raise RuntimeError("printer out of paper")

    def restart(self) -> str:
        """Record it."""
        return self._record("restart")
