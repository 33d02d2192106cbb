"""Fault switches on the real process: slow, 500, connection dropped before and after the commit."""
from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
import requests

from refplatform.testing import start_server
from tests.refplatform.api import assert_problem
from tests.refplatform.conftest import PEOPLE

WANG = PEOPLE["wang"]


def application() -> dict:
    return {"items": ["HRSS-001"], "person_ref": WANG, "delivery": "kiosk_print", "contact_phone": "13800000004",
            "materials": [{"code": "id_card", "via": "certificate", "cert_id": "EC-WANG-ID"}]}


def count(api) -> int:  # noqa: ANN001
    return len(api.call("GET", f"/api/v1/applications?person_ref={WANG}").json())


@pytest.fixture()
def faults(fresh_platform):
    """Runtime fault control, cleared after each test."""
    yield fresh_platform.set_faults
    fresh_platform.set_faults([])


def test_drop_before_closes_the_socket_and_commits_nothing(fresh_api, faults):
    before = count(fresh_api)
    faults(["applications_create:drop_before"])
    key = str(uuid.uuid4())
    with pytest.raises(requests.ConnectionError):
        fresh_api.call("POST", "/api/v1/applications", application(), key=key)
    faults([])
    assert count(fresh_api) == before
    retry = fresh_api.call("POST", "/api/v1/applications", application(), key=key)
    assert retry.status_code == 201 and count(fresh_api) == before + 1


def test_drop_after_commits_and_the_retry_gets_the_stored_answer(fresh_api, faults):
    before = count(fresh_api)
    faults(["applications_create:drop_after"])
    key = str(uuid.uuid4())
    with pytest.raises(requests.ConnectionError):
        fresh_api.call("POST", "/api/v1/applications", application(), key=key)
    faults([])
    assert count(fresh_api) == before + 1
    retry = fresh_api.call("POST", "/api/v1/applications", application(), key=key)
    assert retry.status_code == 201
    listed = {a["application_no"] for a in
              fresh_api.call("GET", f"/api/v1/applications?person_ref={WANG}").json()}
    assert retry.json()["application_no"] in listed and count(fresh_api) == before + 1


def test_fault_500_is_a_problem_and_does_nothing(fresh_api, faults):
    before = count(fresh_api)
    faults(["applications_create:500"])
    assert_problem(fresh_api.call("POST", "/api/v1/applications", application()), 500, "fault_injected")
    assert count(fresh_api) == before
    assert fresh_api.call("GET", f"/api/v1/persons/{WANG}/certificates").status_code == 200  # other endpoints


def test_slow_fault_delays_the_answer_past_a_short_client_timeout(fresh_api, faults):
    faults(["persons_certificates:slow:1:2"])
    with pytest.raises(requests.ReadTimeout):
        fresh_api.call("GET", f"/api/v1/persons/{WANG}/certificates", timeout=0.5)
    assert fresh_api.call("GET", f"/api/v1/persons/{WANG}/certificates", timeout=30).status_code == 200


def test_rate_is_deterministic_for_a_seed(fresh_platform, faults):
    def pattern() -> list[int]:
        faults(["health:500:0.5"], seed=7)
        return [requests.get(fresh_platform.url + "/api/v1/health", timeout=10).status_code for _ in range(24)]

    first = pattern()
    assert set(first) == {200, 500}
    assert pattern() == first


def test_star_matches_every_endpoint_but_not_the_control_endpoint(fresh_api, fresh_platform, faults):
    faults(["*:500"])
    assert requests.get(fresh_platform.url + "/api/v1/health", timeout=10).status_code == 500
    assert_problem(fresh_api.call("GET", f"/api/v1/persons/{WANG}/shared-data"), 500, "fault_injected")
    faults([])
    assert requests.get(fresh_platform.url + "/api/v1/health", timeout=10).status_code == 200


def test_faults_from_the_command_line(tmp_path):
    handle = start_server(tmp_path, seed=False, faults=["health:drop_before"])
    try:
        with pytest.raises(requests.ConnectionError):
            requests.get(handle.url + "/api/v1/health", timeout=10)
        assert requests.get(handle.url + "/openapi.json", timeout=10).status_code == 200
        assert requests.put(handle.url + "/_test/faults", json={"faults": []}, timeout=10).status_code == 404
    finally:
        handle.stop()


def test_a_bad_fault_spec_is_a_clear_error():
    out = subprocess.run([sys.executable, "-m", "refplatform", "--fault", "health:explode", "--port", "0"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "KIND must be one of" in out.stderr


def test_lost_handover_answer_is_recovered_by_the_retry_not_doubled(fresh_api, faults):
    body = {"person_ref": WANG, "via": "locker", "kiosk_id": "K-FRESH"}
    key = str(uuid.uuid4())
    faults(["results_handover:drop_after"])
    with pytest.raises(requests.ConnectionError):
        fresh_api.call("POST", "/api/v1/results/26457513/handover", body, key=key)
    faults([])
    retry = fresh_api.call("POST", "/api/v1/results/26457513/handover", body, key=key)
    assert retry.status_code == 201 and retry.json()["application_no"] == "SL20261016A0000013"
    assert_problem(fresh_api.call("POST", "/api/v1/results/26457513/handover", body), 409, "already_collected")
    timeline = fresh_api.call("GET", "/api/v1/applications/SL20261016A0000013").json()["timeline"]
    assert [s["step"] for s in timeline].count("delivered") == 1
