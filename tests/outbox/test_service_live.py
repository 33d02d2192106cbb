"""OutboxService: the caller never waits; every kind reaches the real server; outcomes via listeners."""
from __future__ import annotations

import queue

import pytest

from kiosk.outbox import ACCEPTED, FAILED, Outbox, OutboxService
from kiosk.platform_link import PlatformRejected
from refplatform import seed
from tests.platform_support import application, start_platform, zhang_ref

pytestmark = pytest.mark.platform


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    p = start_platform(tmp_path_factory.mktemp("platform"))
    yield p
    p.handle.stop()


def final_states(events: "queue.Queue", n: int) -> dict[str, object]:
    done: dict[str, object] = {}
    while len(done) < n:
        e = events.get(timeout=20)
        if e.state in (ACCEPTED, FAILED, "rejected"):
            done[e.local_ref] = e
    return done


def test_every_kind_is_sent_and_reported(platform, tmp_path):
    client = platform.client()
    zhang = zhang_ref(client)
    service = OutboxService(Outbox(tmp_path / "o.db", tmp_path / "o.key"), client)
    events: "queue.Queue" = queue.Queue()
    service.add_listener(events.put)
    service.start()
    try:
        seeded_accepted = next(a[0] for a in seed.APPS if a[1] == "zhang" and a[3] == "accepted")
        supplement_no = next(a[0] for a in seed.APPS if a[3] == "supplement_required")
        pickup = next(a[6][0] for a in seed.APPS if a[1] == "zhang" and a[6] and a[6][1] == "kiosk_print")
        futures = [
            service.enqueue_async("application", application(zhang, "svc")),
            service.enqueue_async("evaluation", {"application_no": seeded_accepted, "level": 2,
                                                 "reasons": ["办事效率"]}),
            service.enqueue_async("supplement", {"application_no": supplement_no,
                                                 "materials": [{"code": "x", "via": "commitment"}]}),
            service.enqueue_async("handover", {"pickup_code": pickup, "person_ref": zhang,
                                               "via": "print"}),
            service.enqueue_async("evaluation", {"application_no": seeded_accepted, "level": 5}),
        ]
        refs = [f.result(10).local_ref for f in futures]
        done = final_states(events, len(refs))
    finally:
        service.stop()
    states = [done[r].state for r in refs]
    assert states[:4] == [ACCEPTED] * 4, [(done[r].state, done[r].error_code) for r in refs]
    # the second rating of one application is refused by the platform: failed, kept for staff
    assert states[4] == FAILED and done[refs[4]].error_code == "already_rated"
    assert client.get_application(supplement_no).status == "in_review"
    with pytest.raises(PlatformRejected) as err:
        client.handover(pickup, zhang, "print")
    assert (err.value.status, err.value.code) == (409, "already_collected")
