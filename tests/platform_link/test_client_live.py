"""The platform client against the real reference server process, healthy and with faults."""
from __future__ import annotations

import logging
import time

import pytest
import requests

from kiosk.platform_link import (PlatformClient, PlatformFault, PlatformRejected,
                                 PlatformUnreachable, parse_problem)
from kiosk.platform_link.client import API_PREFIX, encode_json
from kiosk.platform_link.signing import signed_headers
from refplatform import seed
from tests.platform_support import (application, free_port_url, sample_pdf, start_platform,
                                    zhang_ref)

pytestmark = pytest.mark.platform


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    p = start_platform(tmp_path_factory.mktemp("platform"))
    yield p
    p.handle.stop()


@pytest.fixture()
def faults(platform):
    """Set fault switches for one test; always cleared afterwards."""
    yield platform.handle.set_faults
    platform.handle.set_faults([])


def count_apps(client: PlatformClient, ref: str) -> int:
    return len(client.list_applications(ref))


def test_every_read_endpoint_gives_typed_results(platform):
    c = platform.client()
    assert c.health().status == "ok"
    ref = zhang_ref(c)
    assert ref.startswith("PR-")
    assert "name" in c.shared_data(ref).fields
    certs = c.certificates(ref)
    assert certs and all(cert.cert_id and cert.type_code for cert in certs)
    up = c.upload(sample_pdf(), "id_card")
    assert up.upload_id and up.pages == 1
    receipt = c.submit_application(application(ref))
    assert receipt.status == "accepted" and receipt.application_no.startswith("SL")
    status = c.get_application(receipt.application_no)
    assert status.status == "accepted" and status.timeline
    assert receipt.application_no in {s["application_no"] for s in c.list_applications(ref)}


def test_problems_become_typed_rejections(platform):
    c = platform.client()
    with pytest.raises(PlatformRejected) as err:
        c.verify_identity(method="id_card", id_number=seed.id_number("11010519491231002"),
                          name="无此人")
    assert err.value.status == 404 and err.value.code == "person_unknown"
    with pytest.raises(PlatformRejected) as err:
        c.get_application("SL-NO-SUCH")
    assert err.value.status == 404 and err.value.code == "application_unknown"


def test_wrong_secret_is_signature_invalid(platform):
    c = PlatformClient(platform.url, platform.kiosk_id, b"not-the-secret")
    with pytest.raises(PlatformRejected) as err:
        c.certificates("PR-X")
    assert (err.value.status, err.value.code) == (401, "signature_invalid")


def test_skewed_clock_is_reported(platform):
    c = platform.client(clock=lambda: time.time() - 1000)
    with pytest.raises(PlatformRejected) as err:
        c.list_applications("PR-X")
    assert (err.value.status, err.value.code) == (401, "clock_skew")


def test_replayed_nonce_is_refused(platform):
    path = API_PREFIX + "/persons/PR-X/certificates"
    headers = signed_headers(platform.kiosk_id, platform.secret.encode(), "GET", path, b"",
                             nonce="a-fixed-nonce-0123456789")
    first = requests.get(platform.url + path, headers=headers, timeout=5)
    second = requests.get(platform.url + path, headers=headers, timeout=5)
    assert first.status_code != 401
    problem = parse_problem(second.status_code, second.headers.get("Content-Type"), second.content)
    assert (problem.status, problem.code) == (401, "nonce_replayed")


def test_server_down_is_unreachable_after_retries():
    sleeps = []
    c = PlatformClient(free_port_url(), "k", b"s", connect_timeout=0.5, retries=2,
                       sleep=sleeps.append)
    with pytest.raises(PlatformUnreachable, match="ConnectionError"):
        c.health()
    assert len(sleeps) == 2  # GET is safe: retried twice


def test_500_is_a_fault_after_retrying(platform, faults):
    faults(["persons_certificates:500"])
    sleeps = []
    c = platform.client(sleep=sleeps.append)
    with pytest.raises(PlatformFault) as err:
        c.certificates("PR-X")
    assert err.value.status == 500 and err.value.code == "fault_injected" and len(sleeps) == 2


def _retry_once_then_heal(platform, spec: str, **client_kw):
    """A client whose first attempt meets the fault; the pause before its retry clears the fault."""
    platform.handle.set_faults([spec])
    healed = []

    def sleep(_s: float) -> None:
        if not healed:
            platform.handle.set_faults([])
            healed.append(True)
    return platform.client(sleep=sleep, **client_kw), healed


@pytest.mark.parametrize("spec, first_error", [
    ("applications_create:drop_before", "ConnectionError"),
    ("applications_create:drop_after", "ConnectionError"),
    ("applications_create:500", "fault_injected")])
def test_post_retried_with_its_key_creates_exactly_one(platform, faults, spec, first_error, caplog):
    ref = zhang_ref(platform.client())
    before = count_apps(platform.client(), ref)
    c, healed = _retry_once_then_heal(platform, spec)
    with caplog.at_level(logging.INFO, logger="kiosk.platform_link.client"):
        receipt = c.submit_application(application(ref, marker=spec), idempotency_key=None)
    attempts = [r.getMessage() for r in caplog.records if "attempt 1" in r.getMessage()]
    assert attempts and first_error in attempts[0]  # the fault really hit the first attempt
    assert healed and receipt.status == "accepted"
    assert count_apps(c, ref) == before + 1


def test_read_timeout_then_retry_with_the_same_key(platform, faults, caplog):
    ref = zhang_ref(platform.client())
    before = count_apps(platform.client(), ref)
    c, healed = _retry_once_then_heal(platform, "applications_create:slow:1:1.5", read_timeout=0.5)
    with caplog.at_level(logging.INFO, logger="kiosk.platform_link.client"):
        first = c.submit_application(application(ref, marker="slow"), idempotency_key=None)
    assert any("ReadTimeout" in r.getMessage() for r in caplog.records)
    time.sleep(1.5)  # let the slow first attempt finish its work on the server
    assert healed and count_apps(c, ref) == before + 1
    assert c.get_application(first.application_no).status == "accepted"


def test_same_key_same_body_replays_and_other_body_is_refused(platform):
    c = platform.client()
    ref = zhang_ref(c)
    key = "6f1c2a8e-4b7d-4c1e-9a3f-2d5e8b7c6a10"
    a = c.submit_application(application(ref, marker="k"), idempotency_key=key)
    b = c.submit_application(application(ref, marker="k"), idempotency_key=key)
    assert a.application_no == b.application_no
    with pytest.raises(PlatformRejected) as err:
        c.submit_application(application(ref, marker="other"), idempotency_key=key)
    assert (err.value.status, err.value.code) == (422, "idempotency_key_reused")


def test_post_without_a_key_is_not_retried_on_a_dropped_connection(platform, faults):
    faults(["uploads_create:drop_before"])
    sleeps = []
    c = platform.client(sleep=sleeps.append)
    with pytest.raises(PlatformUnreachable):
        c.call("upload", body=sample_pdf(), content_type="application/pdf",
               headers={"X-Material-Code": "id_card"})
    assert sleeps == []


def test_request_body_is_deterministic_json():
    assert encode_json({"b": 1, "a": "张"}) == '{"a":"张","b":1}'.encode()
