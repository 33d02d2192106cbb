"""Publish-on-change telemetry, the heartbeat, command parsing and scrubbing (no broker needed)."""
from __future__ import annotations

import json

import pytest

from drivers.base import DeviceState, DeviceStatus, MediaState
from kiosk.fleet.commands import CommandError, parse_command
from kiosk.fleet.telemetry import FleetTelemetry, scrub
from kiosk.fleet.topics import KioskTopics, discovery_messages
from tests.fleet.test_housekeeping import Recorder


def make(heartbeat_s: float = 300):
    clock = [0.0]
    out = Recorder()
    return FleetTelemetry(KioskTopics("k1"), out, heartbeat_s, clock=lambda: clock[0]), out, clock


def test_only_changes_are_published():
    tele, out, _ = make()
    for _ in range(50):
        tele.device_status(DeviceStatus("printer", DeviceState.ONLINE, MediaState.PAPER_FULL))
    tele.device_status(DeviceStatus("printer", DeviceState.BUSY, MediaState.PAPER_LOW))
    assert out.sent == [("onetrip/k1/state/device_printer", "online"), ("onetrip/k1/state/paper", "full"),
                        ("onetrip/k1/state/device_printer", "busy"), ("onetrip/k1/state/paper", "low")]


def test_uptime_and_disk_ride_on_the_heartbeat_only():
    tele, out, clock = make(heartbeat_s=300)
    tele.tick()
    tele.set("disk_free", 1000)
    tele.set("disk_free", 999)
    assert out.sent == [("onetrip/k1/state/uptime", "0")]
    clock[0] = 299
    tele.tick()
    assert len(out.sent) == 1
    clock[0] = 301
    tele.tick()
    assert out.sent[1:] == [("onetrip/k1/state/uptime", "301"), ("onetrip/k1/state/disk_free", "999")]


def test_values_wait_while_disconnected_and_go_out_on_republish():
    class Offline(Recorder):
        up = False

        def publish(self, topic, payload, retain):
            return self.up and super().publish(topic, payload, retain)

    out = Offline()
    tele = FleetTelemetry(KioskTopics("k1"), out)
    tele.set("outbox_depth", 3)
    assert out.sent == []
    out.up = True
    tele.set("outbox_depth", 3)  # unchanged but never delivered: it goes now
    assert out.sent == [("onetrip/k1/state/outbox_depth", "3")]
    tele.republish_all()
    assert ("onetrip/k1/state/outbox_depth", "3") in out.sent[1:]


def test_unknown_object_is_refused():
    tele, _, _ = make()
    with pytest.raises(KeyError, match="unknown telemetry object 'paper_level'"):
        tele.set("paper_level", "low")


@pytest.mark.parametrize("raw, masked", [
    ("ID 11010119900307451X failed", "ID 110*************1X failed"),
    ("mail jane.doe@example.org", "mail ***@***"),
    ("call 138-0013-8000", "call 138********00"),
])
def test_scrub_masks_identifying_numbers_and_addresses(raw, masked):
    assert scrub(raw) == masked
    assert len(scrub("x" * 1000)) == 120


def test_command_parsing():
    assert parse_command(b"restart").name == "restart"
    cmd = parse_command(json.dumps({"command": "in_service", "id": "abc"}).encode())
    assert (cmd.name, cmd.request_id) == ("in_service", "abc")
    for bad, why in [(b"\xff", "UTF-8"), (b"{not json", "valid JSON"), (b'{"cmd": 1}', '"command"'),
                     (b"x" * 2000, "at most 1024"), (b"shutdown", "unknown command")]:
        with pytest.raises(CommandError, match=why):
            parse_command(bad)


def test_discovery_follows_the_home_assistant_topic_layout():
    messages = dict(discovery_messages(KioskTopics("k1"), "0.1.0"))
    for topic, payload in messages.items():
        prefix, component, node, _obj, last = topic.split("/")
        assert (prefix, node, last) == ("homeassistant", "k1", "config")
        assert component in ("sensor", "event", "button")
        body = json.loads(payload)
        assert body["unique_id"].startswith("k1_") and body["availability_topic"] == "onetrip/k1/status"


def test_fleet_package_never_imports_kivy():
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    code = ("import sys, pkgutil, importlib, kiosk.fleet\n"
            "for m in pkgutil.iter_modules(kiosk.fleet.__path__):\n"
            "    importlib.import_module('kiosk.fleet.' + m.name)\n"
            "print(sorted(n for n in sys.modules if n.split('.')[0] == 'kivy'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_missing_or_empty_password_file_is_a_clear_error(tmp_path):
    from kiosk.config.model import MqttConfig
    from kiosk.fleet.client import FleetClient
    cfg = MqttConfig(url="mqtt://127.0.0.1:1", kiosk_id="k1", username="k1",
                     password_file=tmp_path / "absent")
    with pytest.raises(ValueError, match="mqtt.password_file .*absent: cannot read it"):
        FleetClient(cfg, object(), app_version="1")
    (tmp_path / "empty").write_text("\n")
    cfg = MqttConfig(url="mqtt://127.0.0.1:1", kiosk_id="k1", username="k1",
                     password_file=tmp_path / "empty")
    with pytest.raises(ValueError, match="is empty"):
        FleetClient(cfg, object(), app_version="1")
