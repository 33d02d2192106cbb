"""GET /api/v1/catalog on the real reference server: versions, "no change", bad `since`, signatures."""
from __future__ import annotations

import hashlib

import pytest

from refplatform.testing import start_server
from tests.refplatform.api import Api, assert_problem
from tests.refplatform.test_openapi import check


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server with runtime catalog publishing (its own: publishing changes its state)."""
    handle = start_server(tmp_path_factory.mktemp("catalog-server"), seed=False, test_control=True)
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def api(server) -> Api:
    return Api(server.url, "K-CAT", server.add_kiosk("K-CAT"))


def _digest(files: dict[str, str]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        data = files[name].encode()
        h.update(f"{name}\0{len(data)}\0".encode() + data)
    return h.hexdigest()


def test_first_fetch_gets_the_whole_shipped_catalog_then_no_change(api):
    first = api.call("GET", "/api/v1/catalog")
    check(first, "/api/v1/catalog", "get")
    doc = first.json()
    assert doc["changed"] is True and doc["version"] >= 1
    assert "services/HRSS-001.toml" in doc["files"] and "services/_materials.toml" in doc["files"]
    assert any(name.startswith("bundles/") for name in doc["files"])
    assert doc["digest"] == _digest(doc["files"])
    same = api.call("GET", f"/api/v1/catalog?since={doc['version']}")
    check(same, "/api/v1/catalog", "get")
    assert same.json() == {"version": doc["version"], "digest": doc["digest"], "changed": False}


def test_a_published_version_is_newer_and_carries_the_change(server, api):
    before = api.call("GET", "/api/v1/catalog").json()
    text = before["files"]["services/HRSS-001.toml"] + "\n# republished\n"
    version = server.publish_catalog({"services/HRSS-001.toml": text})
    assert version == before["version"] + 1
    doc = api.call("GET", f"/api/v1/catalog?since={before['version']}").json()
    assert doc["changed"] is True and doc["version"] == version
    assert doc["files"]["services/HRSS-001.toml"] == text
    assert set(doc["files"]) == set(before["files"])  # the whole catalog, not a diff
    assert doc["digest"] != before["digest"]
    # a number the server never gave out (say, from before a server restart) gets everything
    other = api.call("GET", "/api/v1/catalog?since=999").json()
    assert other["changed"] is True and other["files"] == doc["files"]


@pytest.mark.parametrize("since", ["abc", "-1", "1.5", "1234567890123", "%EF%BC%91"])
def test_bad_since_is_a_validation_problem(api, since):
    resp = api.call("GET", f"/api/v1/catalog?since={since}")
    assert_problem(resp, 422, "validation_failed")
    check(resp, "/api/v1/catalog", "get")
    assert "since" in resp.json()["detail"]


def test_unsigned_or_wrongly_signed_requests_are_refused(server, api):
    import requests
    assert_problem(requests.get(server.url + "/api/v1/catalog", timeout=10), 401, "signature_invalid")
    assert_problem(api.call("GET", "/api/v1/catalog", secret="not-the-secret"), 401, "signature_invalid")


def test_publishing_a_file_outside_the_catalog_folders_is_refused(server):
    import json
    import urllib.error
    import urllib.request
    body = json.dumps({"files": {"../kiosk.toml": "x = 1"}}).encode()
    req = urllib.request.Request(server.url + "/_test/catalog", data=body, method="PUT",
                                 headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 422 and b"services/NAME.toml" in err.value.read()
