"""The fleet link against a real Mosquitto (TLS, password file, per-kiosk ACL)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drivers.base import DeviceState, DeviceStatus, MediaState
from kiosk.fleet.client import FleetClient
from kiosk.fleet.topics import COMMANDS, SENSORS
from tests.fleet.conftest import RecordingCommands, Watcher, kiosk_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def kiosk(broker, tmp_path):
    """kiosk-a's fleet link, connected, with a recording command handler."""
    commands = RecordingCommands()
    client = FleetClient(kiosk_config(broker, tmp_path), commands, app_version="1.2.3")
    client.start()
    assert client.connected.wait(10), "kiosk could not connect to the test broker"
    yield client, commands
    client.stop()


@pytest.fixture
def operator(broker):
    """An authenticated operator client."""
    w = Watcher(broker)
    yield w
    w.close()


def test_discovery_configs_and_online_are_retained(kiosk, operator):
    client, _ = kiosk
    client.telemetry.device_status(DeviceStatus("printer", DeviceState.ONLINE, MediaState.PAPER_LOW))
    operator.subscribe("homeassistant/+/kiosk-a/+/config", "onetrip/kiosk-a/status",
                       "onetrip/kiosk-a/state/#")
    expected = {f"homeassistant/sensor/kiosk-a/{o}/config" for o in SENSORS}
    expected |= {f"homeassistant/button/kiosk-a/{c}/config" for c in COMMANDS}
    expected.add("homeassistant/event/kiosk-a/call_staff/config")
    online = operator.wait_for(lambda m: m.topic == "onetrip/kiosk-a/status")
    assert online is not None and online.payload == b"online" and online.retain
    paper = operator.wait_for(lambda m: m.topic == "onetrip/kiosk-a/state/paper")
    assert paper is not None and paper.payload == b"low"
    operator.wait_for(lambda m: {x.topic for x in operator.seen} >= expected)
    configs = {m.topic: m for m in operator.seen if m.topic.endswith("/config")}
    assert set(configs) == expected
    assert all(m.retain for m in configs.values())
    printer = json.loads(configs["homeassistant/sensor/kiosk-a/device_printer/config"].payload)
    assert printer["state_topic"] == "onetrip/kiosk-a/state/device_printer"
    assert printer["availability_topic"] == "onetrip/kiosk-a/status"
    button = json.loads(configs["homeassistant/button/kiosk-a/restart/config"].payload)
    assert button["command_topic"] == "onetrip/kiosk-a/command" and button["payload_press"] == "restart"


def test_offline_is_delivered_after_sigkill(broker, operator, tmp_path):
    cfg = kiosk_config(broker, tmp_path, kiosk_id="kiosk-b")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.fleet", "--url", cfg.url, "--kiosk-id", "kiosk-b",
         "--username", "kiosk-b", "--password-file", str(cfg.password_file),
         "--ca-file", str(cfg.ca_file)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout.readline().strip() == "connected"
        operator.subscribe("onetrip/kiosk-b/status")
        assert operator.wait_for(lambda m: m.payload == b"online") is not None
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        offline = operator.wait_for(lambda m: m.payload == b"offline")
        assert offline is not None and offline.topic == "onetrip/kiosk-b/status"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    late = Watcher(broker)  # the retained will is what a newcomer sees
    try:
        late.subscribe("onetrip/kiosk-b/status")
        seen = late.wait_for(lambda m: m.topic == "onetrip/kiosk-b/status")
        assert seen is not None and seen.payload == b"offline" and seen.retain
    finally:
        late.close()


def test_only_authorised_commands_on_the_own_topic_have_effect(broker, kiosk, operator):
    client, commands = kiosk
    operator.subscribe("onetrip/kiosk-a/result")
    anonymous = Watcher(broker, user=None)
    wrong_password = Watcher(broker, user="operator", password="guess")
    other_kiosk = Watcher(broker, user="kiosk-b")
    try:
        assert not anonymous.wait_connected(3) and not wrong_password.wait_connected(1)
        assert anonymous.connect_result and anonymous.connect_result[0].is_failure
        assert wrong_password.connect_result and wrong_password.connect_result[0].is_failure
        assert other_kiosk.wait_connected()
        other_kiosk.publish("onetrip/kiosk-a/command", "restart")  # the ACL drops it
        operator.publish("onetrip/kiosk-b/command", "out_of_service")  # not kiosk-a's topic
        operator.publish("onetrip/kiosk-a/command", json.dumps({"command": "reload_catalog",
                                                                  "id": "r1"}))
        result = operator.wait_for(lambda m: m.topic == "onetrip/kiosk-a/result")
        assert result is not None
        assert json.loads(result.payload) == {"command": "reload_catalog", "id": "r1", "ok": True,
                                              "detail": "reload_catalog done"}
        operator.drain(0.5)
        assert commands.calls == ["reload_catalog"]
    finally:
        for w in (anonymous, wrong_password, other_kiosk):
            w.close()


def test_bad_and_failing_commands_are_acknowledged_with_the_reason(kiosk, operator):
    _, commands = kiosk
    operator.subscribe("onetrip/kiosk-a/result")
    operator.publish("onetrip/kiosk-a/command", "format_disk")
    bad = operator.wait_for(lambda m: m.topic.endswith("/result"))
    assert bad is not None
    body = json.loads(bad.payload)
    assert body["ok"] is False and "unknown command 'format_disk'" in body["detail"]
    assert "out_of_service" in body["detail"]  # names what is accepted
    operator.seen.clear()
    operator.publish("onetrip/kiosk-a/command", "print_test_slip")
    failed = operator.wait_for(lambda m: m.topic.endswith("/result"))
    assert failed is not None
    assert json.loads(failed.payload) == {"command": "print_test_slip", "id": "", "ok": False,
                                          "detail": "RuntimeError: printer out of paper"}
    assert commands.calls == ["print_test_slip"]


def test_kiosk_works_on_while_the_broker_is_down_and_republishes(broker, tmp_path):
    commands = RecordingCommands()
    client = FleetClient(kiosk_config(broker, tmp_path), commands, app_version="1.2.3",
                         min_backoff_s=1, max_backoff_s=2)
    client.start()
    try:
        assert client.connected.wait(10)
        broker.stop()
        deadline = time.monotonic() + 10
        while client.connected.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not client.connected.is_set()
        started = time.monotonic()
        client.telemetry.set("outbox_depth", 7)  # the kiosk goes on: these return at once
        client.telemetry.device_status(DeviceStatus("card_reader", DeviceState.HARDWARE_ERROR))
        assert client.telemetry.values()["outbox_depth"] == "7"
        assert time.monotonic() - started < 1  # generous: a blocked publish would wait for TCP
        broker.start()  # same port; persistence is off, so every retained message is gone
        watcher = Watcher(broker)
        try:
            watcher.subscribe("onetrip/kiosk-a/#")
            depth = watcher.wait_for(lambda m: m.topic == "onetrip/kiosk-a/state/outbox_depth", 20)
            assert depth is not None and depth.payload == b"7"
            error = watcher.wait_for(lambda m: m.topic == "onetrip/kiosk-a/state/last_error")
            assert error is not None and error.payload == b"card_reader hardware_error"
            assert watcher.wait_for(lambda m: m.topic.endswith("/status") and m.payload == b"online")
            assert client.connects >= 2
        finally:
            watcher.close()
    finally:
        client.stop()
        if broker.proc is None:
            broker.start()


def test_no_personal_data_in_any_message(kiosk, operator):
    client, _ = kiosk
    operator.subscribe("#")
    client.telemetry.device_status(DeviceStatus(
        "card_reader", DeviceState.USER_ERROR, detail="card 110101199003074514 of jane@example.org"))
    client.telemetry.set("last_error", "upload failed for 110101199003074514, phone 13800138000")
    client.telemetry.call_staff("resident 110101199003074514 needs help")
    operator.drain(1.5)
    payloads = b" ".join(m.payload for m in operator.seen)
    assert b'"event_type": "call_staff"' in payloads and b"110*************14" in payloads
    assert any(m.topic == "onetrip/kiosk-a/state/last_error" for m in operator.seen)
    for secret in (b"110101199003074514", b"13800138000", b"jane@example.org", b"19900307"):
        assert secret not in payloads


def test_kiosk_started_before_its_broker_connects_when_it_appears(tmp_path):
    from kiosk.fleet.local_broker import LocalBroker
    from tests.fleet.conftest import KIOSKS, OPERATORS
    later = LocalBroker(tmp_path / "later", KIOSKS, OPERATORS)
    later.write_config()
    client = FleetClient(kiosk_config(later, tmp_path), RecordingCommands(), app_version="1",
                         min_backoff_s=1, max_backoff_s=2)
    client.start()  # returns at once although nothing listens yet
    try:
        client.telemetry.set("service", "in_service")
        assert not client.connected.wait(1.5)
        later.start()
        assert client.connected.wait(15)
        watcher = Watcher(later)
        try:
            watcher.subscribe("onetrip/kiosk-a/state/service")
            seen = watcher.wait_for(lambda m: True)
            assert seen is not None and seen.payload == b"in_service"
        finally:
            watcher.close()
    finally:
        client.stop()
        later.stop()
