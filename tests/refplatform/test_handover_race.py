"""Two or more kiosks handing over the same result at the same moment: exactly one wins."""
from __future__ import annotations

import threading

from tests.refplatform.api import Api, assert_problem
from tests.refplatform.conftest import PEOPLE

# (pickup code, owner, via) of seeded, uncollected results
READY = [("31415926", "zhang", "print"), ("27182818", "zhang", "locker"),
         ("22360679", "li", "print"), ("26457513", "wang", "locker")]


def test_concurrent_handover_gives_one_201_and_409_to_the_rest(fresh_platform):
    kiosks = [Api(fresh_platform.url, f"K-RACE-{i}", fresh_platform.add_kiosk(f"K-RACE-{i}")) for i in range(4)]
    for code, owner, via in READY:
        barrier = threading.Barrier(len(kiosks))
        answers = {}

        def hand_over(api: Api) -> None:
            body = {"person_ref": PEOPLE[owner], "via": via, "kiosk_id": api.kiosk_id}
            barrier.wait()
            answers[api.kiosk_id] = api.call("POST", f"/api/v1/results/{code}/handover", body)

        threads = [threading.Thread(target=hand_over, args=(k,)) for k in kiosks]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(r.status_code for r in answers.values())
        assert statuses == [201] + [409] * (len(kiosks) - 1), (code, statuses)
        for resp in answers.values():
            if resp.status_code == 409:
                assert_problem(resp, 409, "already_collected")
        winner = next(k for k, r in answers.items() if r.status_code == 201)
        app_no = answers[winner].json()["application_no"]
        timeline = kiosks[0].call("GET", f"/api/v1/applications/{app_no}").json()["timeline"]
        delivered = [s for s in timeline if s["step"] == "delivered"]
        assert len(delivered) == 1 and winner in delivered[0]["department"]
