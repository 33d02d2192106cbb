"""The same server on PostgreSQL (one --db setting): signatures, idempotency, races, problems."""
from __future__ import annotations

import threading
import uuid

import pytest

from refplatform.testing import start_server
from tests.refplatform import pg_cluster
from tests.refplatform.api import Api, assert_problem
from tests.refplatform.conftest import IDS, PEOPLE

pytestmark = pytest.mark.skipif(pg_cluster.available() is not None,
                                reason=f"PostgreSQL not available here: {pg_cluster.available()}")


@pytest.fixture(scope="module")
def pg_platform(tmp_path_factory):
    cluster = pg_cluster.Cluster()
    url = cluster.start()
    handle = None
    try:
        handle = start_server(tmp_path_factory.mktemp("pgsrv"), seed=True, db=url)
        yield handle
    finally:
        if handle:
            handle.stop()
        cluster.stop()


@pytest.fixture(scope="module")
def pg_api(pg_platform) -> Api:
    return Api(pg_platform.url, "K-PG", pg_platform.add_kiosk("K-PG"))


def test_verify_and_read_on_postgres(pg_api):
    ref = pg_api.call("POST", "/api/v1/identity/verify", {"method": "id_card", "id_number": IDS["chen"]}).json()
    assert ref["person_ref"] == PEOPLE["chen"]
    assert pg_api.call("GET", f"/api/v1/persons/{PEOPLE['chen']}/shared-data").json()["fields"]["name"]["value"] == "陈建国"
    assert pg_api.call("GET", "/api/v1/applications/SL20261026A0000004").json()["supplement"]["due"] == "2026-11-09"


def test_idempotent_create_and_replayed_nonce_on_postgres(pg_api):
    body = {"items": ["HRSS-001"], "person_ref": PEOPLE["wang"], "delivery": "kiosk_print",
            "contact_phone": "13800000004", "form": {"k": "中文"},
            "materials": [{"code": "id_card", "via": "certificate", "cert_id": "EC-WANG-ID"}]}
    key = str(uuid.uuid4())
    first = pg_api.call("POST", "/api/v1/applications", body, key=key)
    assert first.status_code == 201 and first.json()["status"] == "accepted"
    assert pg_api.call("POST", "/api/v1/applications", body, key=key).content == first.content
    assert_problem(pg_api.call("POST", "/api/v1/applications", {**body, "contact_phone": "13900000000"}, key=key),
                   422, "idempotency_key_reused")
    assert pg_api.call("GET", "/api/v1/persons/x/certificates", nonce="n" * 20).status_code == 404
    assert_problem(pg_api.call("GET", "/api/v1/persons/x/certificates", nonce="n" * 20), 401, "nonce_replayed")


def test_concurrent_handover_and_double_rating_on_postgres(pg_platform, pg_api):
    kiosks = [pg_api] + [Api(pg_platform.url, f"K-PG-{i}", pg_platform.add_kiosk(f"K-PG-{i}")) for i in range(2)]
    barrier = threading.Barrier(len(kiosks))
    answers = []

    def go(api: Api) -> None:
        barrier.wait()
        answers.append(api.call("POST", "/api/v1/results/22360679/handover",
                                {"person_ref": PEOPLE["li"], "via": "print", "kiosk_id": api.kiosk_id}))

    threads = [threading.Thread(target=go, args=(k,)) for k in kiosks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.status_code for r in answers) == [201, 409, 409]
    rating = {"application_no": "SL20261014A0000012", "level": 5}
    assert pg_api.call("POST", "/api/v1/evaluations", rating).status_code == 201
    assert_problem(pg_api.call("POST", "/api/v1/evaluations", rating), 409, "already_rated")


def test_strings_postgres_cannot_store_are_problems_not_5xx(pg_api):
    assert_problem(pg_api.call("POST", "/api/v1/identity/verify", {"method": "e_id", "e_id_token": "a\u0000b"}),
                   422, "validation_failed")
    assert_problem(pg_api.call("GET", "/api/v1/applications/SL%00X"), 404, "application_unknown")
    assert_problem(pg_api.call("GET", "/api/v1/results/" + "9" * 300 + f"?person_ref={PEOPLE['li']}"),
                   404, "pickup_code_unknown")
    long_bundle = {"items": ["HRSS-001"], "person_ref": PEOPLE["wang"], "delivery": "window",
                   "contact_phone": "13800000004", "bundle": "b" * 65}
    assert_problem(pg_api.call("POST", "/api/v1/applications", long_bundle), 422, "validation_failed")
