"""Shared fixtures for the catalog tests: the shipped catalog and scratch copies of it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "config" / "services"
BUNDLES = ROOT / "config" / "bundles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shipped():
    """The shipped catalog and its load problems (loaded once)."""
    return load_catalog(SERVICES, BUNDLES)


@pytest.fixture()
def scratch(tmp_path):
    """A writable copy of the shipped services and bundles folders."""
    services, bundles = tmp_path / "services", tmp_path / "bundles"
    shutil.copytree(SERVICES, services)
    shutil.copytree(BUNDLES, bundles)
    return services, bundles
