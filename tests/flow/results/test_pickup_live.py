"""Pickup against the real platform: bound to the card holder, recorded before release, once only."""
from __future__ import annotations

import threading
import time

import pytest

from drivers.events import CodeScanned
from drivers.locker.simulator import SimulatedLocker
from kiosk import codes
from kiosk.flow.results import intents as ri
from kiosk.flow.results.pages import PICKUP, RATING
from kiosk.i18n import Msg
from testkit.waiting import wait_for

pytestmark = pytest.mark.platform


def scan(kiosk, text: str) -> None:
    for cb in list(kiosk.hub._listeners):
        cb(CodeScanned("qr_camera", text=text, raw=text.encode()))


def status_of(kiosk, number: str) -> str:
    return kiosk.client.get_application(number).status


def with_locker(kiosk, **options) -> SimulatedLocker:  # noqa: ANN003
    """The real in-process locker simulator (its own worker thread) in place of the fake one."""
    locker = SimulatedLocker(locks=16, poll_interval=0.02, **options)
    kiosk.hub.locker = kiosk.hub.devices["locker"] = locker
    locker.add_listener(lambda e: [cb(e) for cb in list(kiosk.hub._listeners)])
    locker.start()
    return locker


def test_code_without_card_waits_for_the_card_then_prints_once(make_kiosk):
    k = make_kiosk()
    k.host.dispatch(ri.OpenPickup())
    assert k.host.state.screen == PICKUP
    k.type_and_submit("31415926")  # zhang's kiosk_print result
    assert k.page.message == Msg("results.pickup.need_card") and not k.hub.printer.printed
    k.card.place("zhang")
    assert k.page.identified and k.page.stage == "printing"
    assert status_of(k, "SL20261010A0000007") == "delivered"  # recorded BEFORE the release
    (job,) = k.hub.printer.printed
    assert b"https://zwfw.example.gov.cn/verify/SL20261010A0000007" in job.data
    k.hub.printer.finish()
    assert k.page.stage == "done" and k.page.message == Msg("results.pickup.printed")
    # the same code again, same kiosk: refused, nothing printed
    k2 = make_kiosk()
    k2.host.dispatch(ri.OpenPickup())
    k2.card.place("zhang")
    k2.type_and_submit("31415926")
    assert k2.page.stage == "refused"
    assert k2.page.message in (Msg("results.error.already_collected"),
                               Msg("results.error.already_collected_gone"))
    assert not k2.hub.printer.printed


def test_someone_elses_code_is_refused_and_nothing_released(make_kiosk):
    k = make_kiosk()
    k.host.dispatch(ri.OpenPickup())
    k.card.place("zhang")
    k.type_and_submit("22360679")  # li's result
    assert k.page.stage == "refused" and k.page.message == Msg("results.error.not_owner")
    assert not k.hub.printer.printed
    assert status_of(k, "SL20261014A0000012") == "result_ready"


def test_expired_and_tampered_codes_are_refused_with_clear_messages(make_kiosk):
    k = make_kiosk()
    k.host.dispatch(ri.OpenPickup())
    k.card.place("li")
    k.type_and_submit("14142135")  # li's expired code
    assert k.page.stage == "refused" and k.page.message == Msg("results.error.expired")
    good = codes.build_pickup("31415926", int(time.time()) + 3600)
    body, sig = good.rsplit(":", 1)
    scan(k, body.replace("31415926", "22360679") + ":" + sig)  # someone edited the code
    assert k.page.message == Msg(codes.CodeError("tampered", "").message_key)
    assert not k.hub.printer.printed


def test_two_kiosks_at_once_release_the_result_once(make_kiosk):
    kiosks = [make_kiosk("KIOSK-RACE-1"), make_kiosk("KIOSK-RACE-2")]
    for k in kiosks:
        k.host.dispatch(ri.OpenPickup())
        k.card.place("li")
        for ch in "22360679":
            k.host.dispatch(ri.PressKey(ch))
    barrier = threading.Barrier(2)

    def go(k) -> None:  # noqa: ANN001
        barrier.wait()
        k.host.dispatch(ri.SubmitEntry())
    threads = [threading.Thread(target=go, args=(k,)) for k in kiosks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    stages = sorted(k.page.stage for k in kiosks)
    assert stages == ["printing", "refused"]
    assert sum(len(k.hub.printer.printed) for k in kiosks) == 1
    loser = next(k for k in kiosks if k.page.stage == "refused")
    assert loser.page.message in (Msg("results.error.already_collected"),
                                  Msg("results.error.already_collected_gone"))


def test_locker_pickup_opens_the_door_waits_for_it_to_close_and_records_the_handover(make_kiosk):
    k = make_kiosk()
    locker = with_locker(k)
    try:
        k.host.dispatch(ri.OpenPickup())
        k.card.place("zhang")
        k.type_and_submit("27182818")  # zhang, locker A door 7
        wait_for(lambda: k.page.stage == "door_open", "door open")
        assert k.page.door == 7 and locker.tracker.doors.get(7) is True
        assert status_of(k, "SL20261011A0000008") == "delivered"
        locker.close_door(7)
        wait_for(lambda: k.page.stage == "done", "door closed")
        assert k.page.message == Msg("results.locker.closed")
        k.host.dispatch(ri.OpenRating())
        assert k.host.state.screen == RATING and k.page.application_no == "SL20261011A0000008"
    finally:
        locker.stop()


def test_locker_door_that_does_not_open_is_reported(make_kiosk, caplog):
    k = make_kiosk()
    locker = with_locker(k, stuck=(12,))
    try:
        k.host.dispatch(ri.OpenPickup())
        k.card.place("wang")
        k.type_and_submit("26457513")  # wang, locker B door 12
        wait_for(lambda: k.page.stage == "fault", "door fault")
        assert k.page.message == Msg.of("results.locker.did_not_open", door=12)
        assert "did not open" in caplog.text and "staff" in caplog.text
        k.host.dispatch(ri.OpenRating())  # nothing was collected: no rating screen
        assert k.host.state.screen == PICKUP
    finally:
        locker.stop()

