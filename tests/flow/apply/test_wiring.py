"""Core wiring: a platform client and a started outbox only when [platform] and its secret file exist."""
from __future__ import annotations

import dataclasses

import pytest

from kiosk.config import load_config
from kiosk.config.model import PlatformConfig
from kiosk.core import DEFAULT_CONFIG, build_services

pytestmark = pytest.mark.platform


def test_services_built_and_stopped_when_the_secret_exists(platform, tmp_path):
    config = dataclasses.replace(load_config(DEFAULT_CONFIG), root=tmp_path,
                                 platform=PlatformConfig(platform.url, platform.kiosk_id,
                                                         platform.secret_file))
    services = build_services(config)
    try:
        assert services is not None
        assert services.client.health().status == "ok"
        assert services.outbox.sender._thread.is_alive()
        assert (tmp_path / "var" / "outbox.key").exists()
    finally:
        services.stop()
    assert not services.outbox.sender._thread.is_alive()


def test_no_services_without_secret_file_or_platform(tmp_path):
    base = load_config(DEFAULT_CONFIG)
    missing = dataclasses.replace(base, root=tmp_path, platform=PlatformConfig(
        "http://127.0.0.1:9", "k", tmp_path / "absent.secret"))
    assert build_services(missing) is None
    assert build_services(dataclasses.replace(base, root=tmp_path, platform=None)) is None
    assert not (tmp_path / "var").exists()  # nothing created for a kiosk that cannot apply
