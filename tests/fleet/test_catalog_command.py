"""reload_catalog over a real Mosquitto: accepted from the operator, ignored from anyone else; the
kiosk then fetches from the real reference server and reports the new catalog version."""
from __future__ import annotations

import json

import pytest

from kiosk.fleet.client import FleetClient
from kiosk.fleet.kiosk_link import KioskFleetCommands, start_fleet
from kiosk.fleet.topics import KioskTopics
from tests.catalog.test_update_apply import NEW_NAME, _config, _hrss_renamed
from tests.fleet.conftest import Watcher, kiosk_config


@pytest.fixture
def server(tmp_path):
    from refplatform.testing import start_server
    handle = start_server(tmp_path / "platform", seed=False, test_control=True)
    yield handle
    handle.stop()


@pytest.fixture
def fleet_kiosk(broker, server, tmp_path):
    """kiosk-a: a core with catalog updates (no timed checks) and its fleet link to the broker."""
    import dataclasses

    from kiosk.core import build_core
    from kiosk.fleet.catalog_link import start_catalog_updates
    config = dataclasses.replace(_config(server, tmp_path / "kiosk", "kiosk-a"),
                                 mqtt=kiosk_config(broker, tmp_path))
    core = build_core(config, start_devices=False)
    switch = start_catalog_updates(core, first_check_s=3600, interval_s=3600)
    client = start_fleet(core, "9.9.9", switch)
    assert client.connected.wait(10), "kiosk could not connect to the test broker"
    yield core, switch, client
    client.stop()
    switch.updater.stop()
    core.stop()


def test_reload_catalog_from_the_operator_fetches_and_applies(broker, server, fleet_kiosk):
    core, switch, _client = fleet_kiosk
    operator = Watcher(broker)
    topics = KioskTopics("kiosk-a")
    try:
        operator.subscribe(topics.result, topics.state("catalog_version"))
        version = server.publish_catalog(_hrss_renamed())
        operator.publish(topics.command, json.dumps({"command": "reload_catalog", "id": "c1"}))
        result = operator.wait_for(lambda m: m.topic == topics.result)
        assert result is not None
        answer = json.loads(result.payload)
        assert answer["ok"] is True and answer["command"] == "reload_catalog", answer
        assert switch.updater.wait_checks(1, 30)
        assert switch.applied_event.wait(10)
        assert core.content.catalog.get("HRSS-001").name.zh == NEW_NAME
        shown = operator.wait_for(lambda m: m.topic == topics.state("catalog_version")
                                  and m.payload.decode().startswith(f"v{version} "))
        assert shown is not None, [m.payload for m in operator.seen]
    finally:
        operator.close()


def test_reload_catalog_from_anyone_else_has_no_effect(broker, server, fleet_kiosk):
    _core, switch, _client = fleet_kiosk
    server.publish_catalog(_hrss_renamed())
    anonymous = Watcher(broker, user=None)
    other_kiosk = Watcher(broker, user="kiosk-b")
    operator = Watcher(broker)
    try:
        assert not anonymous.wait_connected(2)
        assert other_kiosk.wait_connected()
        other_kiosk.publish("onetrip/kiosk-a/command", "reload_catalog")  # the ACL drops it
        operator.publish("onetrip/kiosk-b/command", "reload_catalog")  # not kiosk-a's topic
        operator.drain(1.0)
        assert switch.updater.checks == 0 and switch.applied == 0
    finally:
        for w in (anonymous, other_kiosk, operator):
            w.close()


def test_reload_catalog_without_a_platform_is_refused_with_the_reason(broker, tmp_path):
    class NoPlatformCore:
        staff = None

    commands = KioskFleetCommands(NoPlatformCore(), catalog=None)
    # kiosk-b: a client id no earlier test of this module used (the broker would hand over a
    # still-open session of the same id)
    client = FleetClient(kiosk_config(broker, tmp_path, "kiosk-b"), commands, app_version="9.9.9")
    client.start()
    operator = Watcher(broker)
    try:
        assert client.connected.wait(20)
        operator.subscribe("onetrip/kiosk-b/result")
        operator.publish("onetrip/kiosk-b/command", "reload_catalog")
        result = operator.wait_for(lambda m: m.topic == "onetrip/kiosk-b/result", timeout=20)
        assert result is not None
        answer = json.loads(result.payload)
        assert answer["ok"] is False and "no platform link" in answer["detail"]
    finally:
        operator.close()
        client.stop()
