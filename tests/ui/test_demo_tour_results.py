"""The results part of the demo tour, in the real window against the real platform: it queries
progress by card, answers a 补正, picks up a printed and a locker result, and rates. The test plays
the resident's hands only (the ID card, a page under the camera, the locker door)."""
from __future__ import annotations

import time

import pytest

from drivers.registry import build_driver
from kiosk.flow.results import access
from kiosk.outbox import Outbox, OutboxService
from refplatform import seed
from refplatform.seed_cases import new_supplement_case
from screens.demo_tour import TOUR, DemoTour
from screens.demo_tour_results import CARD_HOLDER, RESULTS_TOUR
from tests.platform_support import start_platform

PROFILE_LOCKER = {"locks": 16, "left_open_s": 120, "close_after_s": 20}  # booth_24h.toml

pytestmark = [pytest.mark.ui, pytest.mark.platform]
ZHANG = next(r for r in seed.RESIDENTS if r["key"] == "zhang")


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    p = start_platform(tmp_path_factory.mktemp("platform"))
    yield p
    p.handle.stop()


def test_results_tour_is_part_of_the_demo():
    assert TOUR[-len(RESULTS_TOUR):] == RESULTS_TOUR


def test_results_tour_answers_a_supplement_picks_up_twice_and_rates(fresh, platform, tmp_path):
    ui = fresh
    no = new_supplement_case(platform.handle.db, materials=("disability_assessment", "hukou_book"))
    client = platform.client()
    service = OutboxService(Outbox(tmp_path / "o.db", tmp_path / "o.key"), platform.client())
    service.start()
    access.provide(ui.app.flow, platform=client, outbox=service)
    hub = ui.app.core.devices
    locker = build_driver("locker", "simulator", {"left_open_s": 60})
    hub.replace("locker", locker)
    hub.replace("document_camera", build_driver("document_camera", "simulator", {
        "script": [{"wait": 0.3, "do": "lay_page", "page": "form"}, {"wait": 0.6, "do": "take_page"}],
        "script_loop": True, "settle_s": 0.2}))
    hub.replace("qr_camera", build_driver("qr_camera", "simulator", {"script": [], "script_loop": False}))
    tour = DemoTour(ui.app.send, steps=RESULTS_TOUR)
    assert (CARD_HOLDER.name, CARD_HOLDER.id_number) == (ZHANG["name"], ZHANG["id"])  # the seed's
    seen, pages = [], []
    try:
        for _ in range(len(RESULTS_TOUR)):
            state = ui.app.flow.state
            page = state.page
            if getattr(page, "stage", "") == "door_open":
                locker.close_door(page.door)
            name = tour.step(state)
            ui.wait_for(lambda: ui.app.rendered is not None
                        and ui.app.rendered.revision == ui.app.flow.state.revision, "the step rendered")
            pause = time.monotonic() + 0.3  # demo steps are seconds apart: devices get time
            while time.monotonic() < pause:
                ui.pump(1)
            now = ui.app.flow.state
            seen.append((name, now.screen))
            pages.append(now.page)
            if getattr(now.page, "sent", False):
                break  # one loop done (later loops find the results collected and say so)
    finally:
        access.provide(ui.app.flow)
        hub.replace("locker", build_driver("locker", "simulator", PROFILE_LOCKER))  # as the profile has it:
        # a missing locker would leave a device alert in the chrome for every later UI test
        for name in ("document_camera", "qr_camera"):
            hub.replace(name, build_driver(name, "simulator", {}))
        service.stop()
    screens = {s for _, s in seen}
    assert {"results_progress", "results_supplement", "results_pickup", "results_rating"} <= screens, seen
    assert client.get_application(no).status == "in_review"  # the 补正 reached the platform
    assert any(getattr(p, "receipt", None) is not None and p.receipt.key == "apply.receipt.printed"
               for p in pages)
    ref = client.verify_identity(method="id_card", id_number=ZHANG["id"], name=ZHANG["name"]).person_ref
    from kiosk.platform_link import PlatformRejected
    for code in ("31415926", "27182818"):  # both handed over
        with pytest.raises(PlatformRejected) as err:
            client.get_result(code, ref)
        assert err.value.code.startswith("already_collected")
    assert any(getattr(p, "sent", False) for p in pages), "no rating sent"
    client.close()
