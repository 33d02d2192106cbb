"""The outbox sender against the real reference server: accepted, rejected, failed, unreachable."""
from __future__ import annotations

import threading

import pytest

from kiosk.outbox import (ACCEPTED, FAILED, QUEUED, REJECTED, Outbox, OutboxSender, UploadFile)
from kiosk.platform_link import PlatformClient
from tests.platform_support import (a_service, application, free_port_url, sample_pdf,
                                    start_platform, zhang_ref)

pytestmark = pytest.mark.platform


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    p = start_platform(tmp_path_factory.mktemp("platform"))
    yield p
    p.handle.stop()


@pytest.fixture()
def box(tmp_path):
    b = Outbox(tmp_path / "outbox.sqlite3", tmp_path / "outbox.key")
    yield b
    b.close()


def test_application_with_upload_is_accepted_once(platform, box):
    client = platform.client()
    ref = zhang_ref(client)
    _code, required = a_service()
    seen = []
    box.add_listener(lambda e: seen.append(e.state))
    entry = box.enqueue("application", application(ref, "upload", upload_material=required[0]),
                        [UploadFile(required[0], sample_pdf("id card"))], summary="one item")
    assert OutboxSender(box, client).drain() == 1
    done = box.get(entry.local_ref)
    assert done.state == ACCEPTED and done.remote_ref.startswith("SL") and not done.is_local
    assert seen == [QUEUED, "sending", ACCEPTED]
    (_idx, _key, upload_id), = box.upload_slots(done)
    assert upload_id and upload_id.startswith("UP")
    assert client.get_application(done.remote_ref).status == "accepted"
    assert [s["application_no"] for s in client.list_applications(ref)].count(done.remote_ref) == 1


def test_missing_material_is_rejected_with_reasons(platform, box):
    client = platform.client()
    body = application(zhang_ref(client), "rejected")
    body["materials"] = []
    entry = box.enqueue("application", body)
    OutboxSender(box, client).drain()
    done = box.get(entry.local_ref)
    assert done.state == REJECTED and done.remote_ref
    reasons = box.outcome(done)["reasons"]
    assert reasons and all(r["code"] == "material_missing" for r in reasons)


def test_a_4xx_problem_fails_the_item_for_staff_and_keeps_the_rest_moving(platform, box):
    client = platform.client()
    bad = application(zhang_ref(client), "bad")
    bad["items"] = ["NO-SUCH-SERVICE"]
    first = box.enqueue("application", bad)
    second = box.enqueue("application", application(zhang_ref(client), "good"))
    assert OutboxSender(box, client).drain() == 2
    assert box.get(first.local_ref).state == FAILED
    assert box.get(first.local_ref).error_code == "unknown_service"
    assert box.get(second.local_ref).state == ACCEPTED


def test_unreachable_platform_keeps_items_queued_and_drains_when_back(platform, box):
    reach = []
    down = PlatformClient(free_port_url(), platform.kiosk_id, platform.secret.encode(),
                          connect_timeout=0.3, retries=0)
    sender = OutboxSender(box, down, backoff_s=0.05, backoff_max_s=0.2,
                          on_reachability=lambda up, detail: reach.append(up))
    accepted = threading.Event()
    box.add_listener(lambda e: e.state == ACCEPTED and accepted.set())
    entry = box.enqueue("application", application(zhang_ref(platform.client()), "later"))
    sender.start()
    try:
        for _ in range(100):  # wait (bounded) for a few failed attempts
            if box.get(entry.local_ref).attempts >= 2:
                break
            threading.Event().wait(0.05)
        e = box.get(entry.local_ref)
        assert e.state in (QUEUED, "sending") and e.attempts >= 2 and e.is_local
        assert reach[:1] == [False]
        sender.client = platform.client()  # the network comes back
        sender.nudge()
        assert accepted.wait(15)
    finally:
        sender.stop()
    assert box.get(entry.local_ref).remote_ref.startswith("SL") and reach[-1] is True
