"""Catalog updates end to end: the kiosk's updater against the real reference server process,
validated with the shipped loader, applied only between sessions, broken ones rejected."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from kiosk.catalog import update_files as uf
from kiosk.config import load_config
from kiosk.config.model import PlatformConfig
from kiosk.core import DEFAULT_CONFIG, build_core
from kiosk.fleet.catalog_link import start_catalog_updates
from kiosk.fleet.telemetry import FleetTelemetry
from kiosk.fleet.topics import KioskTopics
from kiosk.flow.staff.snapshot import catalog_version
from refplatform.testing import start_server
from tests.catalog.conftest import SERVICES

OLD_NAME = "社会保险参保缴费证明打印"
NEW_NAME = "社保缴费证明打印（新版）"


class Published:
    """A telemetry transport that keeps what would go to the broker."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def publish(self, topic: str, payload: str, retain: bool) -> bool:
        self.messages.append((topic, payload))
        return True


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One platform for the module (each test reads versions relative to what it publishes)."""
    handle = start_server(tmp_path_factory.mktemp("platform"), seed=False, test_control=True)
    yield handle
    handle.stop()


def _config(server, root: Path, kiosk_id: str = "K-UPD"):
    secret = root / "platform.secret"
    root.mkdir(parents=True, exist_ok=True)
    secret.write_text(server.add_kiosk(kiosk_id) + "\n", "utf-8")
    secret.chmod(0o600)
    base = load_config(DEFAULT_CONFIG)
    return dataclasses.replace(base, root=root, platform=PlatformConfig(server.url, kiosk_id, secret),
                               mqtt=None)


@pytest.fixture
def kiosk(server, tmp_path):
    """A kiosk core on a scratch root, its updater started (first check at once), telemetry kept.

    The platform starts each test on the shipped catalog again."""
    server.publish_catalog(_shipped(), replace_all=True)
    core = build_core(_config(server, tmp_path / "kiosk"), start_devices=False)
    switch = start_catalog_updates(core, first_check_s=0, interval_s=3600)
    transport = Published()
    switch.telemetry = FleetTelemetry(KioskTopics("K-UPD"), transport)
    assert switch.updater.wait_checks(1, 30), "the first catalog check did not finish"
    yield core, switch, transport
    switch.updater.stop()
    switch.work.shutdown(wait=True)
    core.stop()


def _shipped() -> dict[str, str]:
    files = {f"services/{p.name}": p.read_text("utf-8") for p in SERVICES.glob("*.toml")}
    files.update({f"bundles/{p.name}": p.read_text("utf-8")
                  for p in (SERVICES.parent / "bundles").glob("*.toml")})
    return files


def _hrss_renamed() -> dict[str, str]:
    text = (SERVICES / "HRSS-001.toml").read_text("utf-8")
    assert OLD_NAME in text
    return {"services/HRSS-001.toml": text.replace(f'zh = "{OLD_NAME}"', f'zh = "{NEW_NAME}"')}


def _check_again(switch, done: int) -> None:
    switch.updater.request()
    assert switch.updater.wait_checks(done, 30), "the requested catalog check did not finish"


def test_the_shipped_catalog_is_recognised_and_not_swapped(kiosk):
    core, switch, _ = kiosk
    assert switch.updater.last_error == ""
    assert switch.applied == 0 and switch.pending_version() is None
    assert not (core.config.root / "var" / "catalog" / "current").exists()


def test_update_waits_for_the_session_end_then_applies_and_survives_a_restart(server, kiosk):
    core, switch, transport = kiosk
    version = server.publish_catalog(_hrss_renamed())
    core.flow.begin_session()  # a resident is mid-journey
    _check_again(switch, 2)
    assert switch.pending_version() == version
    assert core.content.catalog.get("HRSS-001").name.zh == OLD_NAME  # not while they are here
    assert switch.applied == 0
    core.flow.end_session()  # finish / cancel / timeout all end here
    assert switch.applied == 1
    assert core.content.catalog.get("HRSS-001").name.zh == NEW_NAME
    assert catalog_version(core.content).startswith(f"v{version} ")  # what staff mode shows
    assert (KioskTopics("K-UPD").state("catalog_version"), catalog_version(core.content)) in transport.messages
    switch.work.submit(lambda: None).result(10)  # the install on disk has run
    stamp = json.loads((core.config.root / "var/catalog/current/stamp.json").read_text("utf-8"))
    assert stamp["version"] == version
    # a restart loads the installed update, not the shipped catalog
    again = build_core(core.config, start_devices=False)
    assert again.content.catalog.get("HRSS-001").name.zh == NEW_NAME
    assert again.content.catalog_release == version
    again.stop()


def test_update_is_applied_at_once_while_nobody_uses_the_kiosk(server, kiosk):
    core, switch, _ = kiosk
    server.publish_catalog(_hrss_renamed())
    _check_again(switch, 2)
    assert switch.applied_event.wait(10)
    assert core.content.catalog.get("HRSS-001").name.zh == NEW_NAME


def test_broken_update_is_rejected_old_catalog_kept_error_reported(server, kiosk, caplog):
    core, switch, transport = kiosk
    items_before = set(core.content.catalog.items)
    broken = (SERVICES / "HRSS-002.toml").read_text("utf-8").replace('department = "hrss"',
                                                                      'department = "no-such-dept"')
    server.publish_catalog({"services/HRSS-002.toml": broken, "services/BAD-001.toml": "code = [\n"})
    _check_again(switch, 2)
    error = switch.updater.last_error
    assert "rejected" in error and "services/BAD-001.toml" in error, error
    assert str(core.config.root) not in error  # the file is named as the platform names it
    assert switch.applied == 0 and switch.pending_version() is None
    assert set(core.content.catalog.items) == items_before
    assert any("rejected" in r.getMessage() for r in caplog.records)
    last_error = [p for t, p in transport.messages if t == KioskTopics("K-UPD").state("last_error")]
    assert last_error and "rejected" in last_error[-1]
    assert list((core.config.root / "var" / "catalog").glob("incoming-*")) == []
    # the broken version is not fetched again and again: the next check sees nothing new
    _check_again(switch, 3)
    assert switch.updater.last_error == "" and switch.applied == 0


def test_an_installed_update_edited_on_disk_is_not_believed(server, kiosk):
    core, switch, _ = kiosk
    server.publish_catalog(_hrss_renamed())
    _check_again(switch, 2)
    assert switch.applied_event.wait(10)
    switch.work.submit(lambda: None).result(10)
    current = core.config.root / "var/catalog/current/services/HRSS-001.toml"
    current.write_text(current.read_text("utf-8").replace(NEW_NAME, "请扫码付款"), "utf-8")
    active = uf.active_catalog(core.config.root, core.config.services_dir, core.config.bundles_dir,
                               b"k" * 32)
    assert active.version is None and active.services_dir == core.config.services_dir


@pytest.mark.parametrize("answer,reason", [
    ({"version": 9, "changed": True, "digest": "0" * 64,
      "files": {"services/A.toml": "x = 1"}}, "do not match the digest"),
    ({"version": 9, "changed": True, "digest": uf.digest({"services/../../x.toml": ""}),
      "files": {"services/../../x.toml": ""}}, "is not services/NAME.toml"),
    ({"changed": True}, "no version/changed"),
])
def test_an_answer_a_platform_should_never_send_is_refused(tmp_path, answer, reason):
    # a hand-made answer stands in for a damaged or hostile platform (the real one cannot send it)
    from kiosk.catalog.update import CatalogUpdater
    staged = []
    updater = CatalogUpdater(tmp_path, lambda since: answer,
                             uf.Installed(SERVICES, SERVICES.parent / "bundles"), None, staged.append)
    outcome = updater.check_safely()
    assert reason in outcome and staged == []
    assert not (tmp_path / "x.toml").exists() and not (tmp_path.parent / "x.toml").exists()


def test_an_unreachable_platform_is_reported_and_changes_nothing(tmp_path):
    lone = start_server(tmp_path / "lone", seed=False, test_control=False)
    core = build_core(_config(lone, tmp_path / "kiosk"), start_devices=False)
    switch = start_catalog_updates(core, first_check_s=0, interval_s=3600)
    transport = Published()
    switch.telemetry = FleetTelemetry(KioskTopics("K-UPD"), transport)
    assert switch.updater.wait_checks(1, 30)
    items_before = set(core.content.catalog.items)
    lone.stop()
    try:
        _check_again(switch, 2)
    finally:
        switch.updater.stop()
        core.stop()
    assert "catalog update failed" in switch.updater.last_error
    assert set(core.content.catalog.items) == items_before and switch.applied == 0
    assert any(t == KioskTopics("K-UPD").state("last_error") for t, _ in transport.messages)
