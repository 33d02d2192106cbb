"""Contract: the client's ENDPOINTS table matches the OpenAPI document the real server serves."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import requests

from kiosk.platform_link.client import API_PREFIX, ENDPOINTS
from tests.platform_support import start_platform

pytestmark = pytest.mark.platform

METHODS = {"get", "post", "put", "patch", "delete"}


def normalise(path: str, base: str) -> str | None:
    """Path relative to /api/v1 with parameter names replaced by {}; None outside the interface
    (e.g. /openapi.json itself or a test-only switch)."""
    full = path if path.startswith(API_PREFIX) else base.rstrip("/") + path
    if not full.startswith(API_PREFIX + "/"):
        return None
    return re.sub(r"\{[^}]+\}", "{}", full[len(API_PREFIX):])


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    p = start_platform(tmp_path_factory.mktemp("platform"))
    try:
        resp = requests.get(p.url + "/openapi.json", timeout=10)
        assert resp.status_code == 200
        yield resp.json()
    finally:
        p.handle.stop()


def test_document_is_openapi_3_1(document):
    assert str(document.get("openapi", "")).startswith("3.1")


def test_endpoints_table_equals_the_document(document):
    servers = document.get("servers") or [{"url": ""}]
    base = urlsplit(servers[0].get("url", "")).path
    served = {(method.upper(), normalise(path, base))
              for path, item in document.get("paths", {}).items()
              for method in item if method in METHODS and normalise(path, base)}
    assert len(served) >= len(ENDPOINTS)
    ours = {(method, normalise(path, API_PREFIX)) for method, path in ENDPOINTS.values()}
    assert ours - served == set(), "the client calls endpoints the document lacks"
    assert served - ours == set(), "the document has endpoints the client has no method for"


def test_path_parameters_have_the_clients_names(document):
    servers = document.get("servers") or [{"url": ""}]
    base = urlsplit(servers[0].get("url", "")).path
    names = {normalise(p, base): re.findall(r"\{([^}]+)\}", p) for p in document.get("paths", {})}
    for _method, path in ENDPOINTS.values():
        assert names.get(normalise(path, API_PREFIX)) == re.findall(r"\{([^}]+)\}", path), path
