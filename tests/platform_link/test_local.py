"""`./dev run`'s local platform: the real server on loopback, this kiosk registered, secret 0600."""
from __future__ import annotations

import pytest

from kiosk.platform_link import PlatformClient
from kiosk.platform_link.local import start_local_platform
from kiosk.platform_link.secret import read_secret
from tests.platform_support import secret_mode, zhang_ref

pytestmark = pytest.mark.platform


def test_start_register_check_and_stop(tmp_path):
    with start_local_platform(tmp_path / "var", "kiosk-dev-7") as local:
        assert local.url.startswith("http://127.0.0.1:")
        assert secret_mode(local.secret_file) == 0o600
        env = local.environ()
        assert env["KIOSK_ID"] == "kiosk-dev-7" and env["KIOSK_PLATFORM_URL"] == local.url
        client = PlatformClient(local.url, local.kiosk_id, read_secret(local.secret_file))
        assert client.health().status == "ok"
        assert zhang_ref(client).startswith("PR-")  # seeded, and the signed call is accepted
        proc = local.process
    assert proc.poll() is not None  # stopped on exit
