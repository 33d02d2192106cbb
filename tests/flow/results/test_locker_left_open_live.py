"""A locker door left open after a pickup is announced and logged (own server: fresh seed codes)."""
from __future__ import annotations

import pytest

from kiosk.flow.results import intents as ri
from kiosk.i18n import Msg
from tests.flow.results.test_pickup_live import with_locker
from testkit.waiting import wait_for

pytestmark = pytest.mark.platform


def test_locker_door_left_open_is_announced_and_logged(make_kiosk, caplog):
    k = make_kiosk()
    locker = with_locker(k, left_open_s=0.05)
    try:
        k.host.dispatch(ri.OpenPickup())
        k.card.place("zhang")
        k.type_and_submit("27182818")  # zhang, locker A door 7
        wait_for(lambda: k.page.stage == "left_open", "door left open announced")
        assert k.page.message == Msg.of("results.locker.left_open", door=7)
        assert "left open" in caplog.text
        locker.close_door(7)
        wait_for(lambda: k.page.stage == "done", "door closed at last")
        assert k.client.get_application("SL20261011A0000008").status == "delivered"
    finally:
        locker.stop()
