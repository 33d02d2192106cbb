"""Device statuses from a real DeviceHub reach telemetry; the `./dev run` broker helper works."""
from __future__ import annotations

import time

from drivers.base import DeviceState
from kiosk.devices import DeviceHub, MissingDevice
from kiosk.fleet.client import FleetClient
from kiosk.config.model import MqttConfig
from kiosk.fleet.hub_link import watch_devices
from kiosk.fleet.local_broker import dev_broker
from kiosk.fleet.telemetry import FleetTelemetry
from kiosk.fleet.topics import KioskTopics
from tests.fleet.conftest import RecordingCommands, requires_mosquitto
from tests.fleet.test_housekeeping import Recorder


def test_hub_status_changes_are_published():
    printer = MissingDevice("printer", "not configured")
    hub = DeviceHub({"printer": printer})
    out = Recorder()
    watch_devices(hub, FleetTelemetry(KioskTopics("k1"), out))
    hub.start()
    try:
        deadline = time.monotonic() + 5
        while ("onetrip/k1/state/device_printer", "no_device") not in out.sent \
                and time.monotonic() < deadline:
            time.sleep(0.02)
        assert ("onetrip/k1/state/device_printer", "no_device") in out.sent
        printer.set_status(DeviceState.HARDWARE_ERROR, detail="head too hot")
        assert ("onetrip/k1/state/device_printer", "hardware_error") in out.sent
        assert ("onetrip/k1/state/last_error", "printer hardware_error: head too hot") in out.sent
    finally:
        hub.stop()


@requires_mosquitto
def test_dev_broker_accepts_the_kiosk_it_was_made_for(tmp_path):
    broker, env = dev_broker(tmp_path, "kiosk-dev-001")
    try:
        assert env == {"KIOSK_MQTT_URL": broker.url}
        var = tmp_path / "var"
        assert (var / "mqtt.password").stat().st_mode & 0o777 == 0o600
        config = MqttConfig(url=env["KIOSK_MQTT_URL"], kiosk_id="kiosk-dev-001",
                            username="kiosk-dev-001", password_file=var / "mqtt.password",
                            ca_file=var / "mqtt" / "ca.pem")
        client = FleetClient(config, RecordingCommands(), app_version="dev")
        client.start()
        try:
            assert client.connected.wait(10)
        finally:
            client.stop()
    finally:
        broker.stop()
