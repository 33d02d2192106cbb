"""A courier result: the tracking (carrier, number, status) on the page and on a printed slip."""
from __future__ import annotations

import pytest

from kiosk.flow.results import intents as ri
from kiosk.i18n import Msg

pytestmark = pytest.mark.platform


def test_courier_result_shows_and_prints_the_tracking(make_kiosk):
    k = make_kiosk()
    k.host.dispatch(ri.OpenPickup())
    k.card.place("chen")
    k.type_and_submit("16180339")
    assert k.page.courier == ("EMS", "EMS1234567890CN", "in_transit")
    assert k.page.message == Msg("results.pickup.courier") and k.page.stage == "printing"
    k.hub.printer.finish()
    assert k.page.stage == "done" and k.page.message == Msg("results2.courier.printed")
    text = k.hub.printer.printed[-1].data.decode("gb18030", errors="replace")
    assert "EMS1234567890CN" in text and "运输中" in text and "SL20261013A0000009" in text
    # nothing was released: the platform still has the result uncollected
    ref = k.client.verify_identity(method="id_card", id_number=k.card.record.id_number,
                                   name=k.card.record.name).person_ref
    assert k.client.get_result("16180339", ref).delivery == "courier"


def test_someone_elses_courier_code_shows_no_tracking(make_kiosk):
    k = make_kiosk()
    k.host.dispatch(ri.OpenPickup())
    k.card.place("zhang")
    k.type_and_submit("16180339")
    assert k.page.stage == "refused" and k.page.courier == ()
    assert k.page.message == Msg("results.error.not_owner") and not k.hub.printer.printed


def test_a_slip_left_at_the_printer_is_announced_and_logged(make_kiosk, caplog):
    from kiosk.flow.prompts import screen_prompt
    from kiosk.flow.results.pages import PICKUP
    k = make_kiosk()
    k.host.dispatch(ri.OpenPickup())
    k.card.place("li")
    k.type_and_submit("22360679")
    k.hub.printer.finish()
    assert k.page.stage == "done"
    with caplog.at_level("WARNING", logger="kiosk.flow.results.slip_watch"):
        k.hub.emit("printer", "slip_left", waiting_s=30.0)
    assert k.page.slip_left and k.page.message == Msg("results2.slip.not_taken")
    assert screen_prompt(PICKUP, k.page).msg == Msg("voice.prompt.slip_not_taken")
    assert any("not taken" in r.getMessage() for r in caplog.records)
    assert "22360679" not in caplog.text and "李" not in caplog.text  # no personal data logged
    k.hub.emit("printer", "media_taken")
    assert not k.page.slip_left and k.page.message == Msg("results2.slip.taken")
    assert screen_prompt(PICKUP, k.page).msg == Msg("voice.screen.results_pickup")
