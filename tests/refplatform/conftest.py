"""Fixtures: the real reference platform process on 127.0.0.1 (port chosen by the OS)."""
from __future__ import annotations

import pytest

from refplatform.seed import RESIDENTS, person_ref
from refplatform.testing import start_server
from tests.refplatform.api import Api

PEOPLE = {r["key"]: person_ref(r["key"]) for r in RESIDENTS}
IDS = {r["key"]: r["id"] for r in RESIDENTS}


@pytest.fixture(scope="session")
def platform(tmp_path_factory):
    """One seeded server for read-mostly tests (tests that consume seed data use fresh_platform)."""
    handle = start_server(tmp_path_factory.mktemp("platform"), seed=True)
    yield handle
    handle.stop()


@pytest.fixture(scope="session")
def api(platform) -> Api:
    """A registered kiosk on the shared server."""
    return Api(platform.url, "K-TEST-1", platform.add_kiosk("K-TEST-1"))


@pytest.fixture(scope="module")
def fresh_platform(tmp_path_factory):
    """A server per test module with its own freshly seeded database and runtime fault control."""
    handle = start_server(tmp_path_factory.mktemp("fresh"), seed=True, test_control=True)
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def fresh_api(fresh_platform) -> Api:
    """A registered kiosk on the fresh server."""
    return Api(fresh_platform.url, "K-FRESH", fresh_platform.add_kiosk("K-FRESH"))
