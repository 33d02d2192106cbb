"""好差评 after a pickup: levels, options, reason rule, sent through the real outbox to the platform."""
from __future__ import annotations

import queue

import pytest

from kiosk.flow.results import intents as ri
from kiosk.flow.results.pages import RATING
from kiosk.flow.results.rating_step import BAD_OPTIONS, GOOD_OPTIONS
from kiosk.flow.state import ATTRACT
from kiosk.i18n import Msg
from kiosk.outbox import ACCEPTED, Outbox, OutboxService

pytestmark = pytest.mark.platform


@pytest.fixture
def outbox(platform, tmp_path):
    service = OutboxService(Outbox(tmp_path / "o.db", tmp_path / "o.key"), platform.client())
    events: "queue.Queue" = queue.Queue()
    service.add_listener(events.put)
    service.start()
    yield service, events
    service.stop()


def picked_up(make_kiosk, outbox=None):  # noqa: ANN001, ANN201
    k = make_kiosk(outbox=outbox)
    k.host.dispatch(ri.OpenPickup())
    k.card.place("zhang")
    k.type_and_submit("31415926")
    k.hub.printer.finish()
    assert k.page.stage == "done"
    k.host.dispatch(ri.OpenRating())
    assert k.host.state.screen == RATING
    return k


def test_rating_with_reason_rule_goes_through_the_outbox(make_kiosk, outbox):
    service, events = outbox
    k = picked_up(make_kiosk, service)
    k.host.dispatch(ri.SendRating())
    assert k.page.message == Msg("results.rating.choose_level")
    k.host.dispatch(ri.ChooseLevel(5))
    assert k.page.options == GOOD_OPTIONS
    k.host.dispatch(ri.ToggleOption("efficiency"))
    k.host.dispatch(ri.ChooseLevel(1))  # options of the other level are dropped
    assert k.page.options == BAD_OPTIONS and not k.page.chosen
    k.host.dispatch(ri.SendRating())
    assert k.page.message == Msg("results.rating.reason_required") and not k.page.sent
    k.host.dispatch(ri.ToggleOption("slow"))
    k.host.dispatch(ri.SetComment("  排队太久  "))
    k.host.dispatch(ri.SendRating())
    # the outbox writes on its own thread; the page says sent once it is stored
    entry = None
    while entry is None or entry.state != ACCEPTED:
        entry = events.get(timeout=20)
    assert entry.kind == "evaluation"
    from testkit.waiting import wait_for
    wait_for(lambda: k.page.sent, "rating stored")
    assert k.page.message == Msg("results.rating.thanks")
    # the platform holds exactly this rating: a second one for the application is refused
    from kiosk.platform_link import PlatformRejected
    with pytest.raises(PlatformRejected) as err:
        k.client.evaluate({"application_no": "SL20261010A0000007", "level": 4})
    assert err.value.code == "already_rated"


def test_skipping_ends_the_session(make_kiosk, platform):
    k = make_kiosk()
    k.host.dispatch(ri.OpenPickup())
    k.card.place("li")
    k.type_and_submit("22360679")
    k.hub.printer.finish()
    k.host.dispatch(ri.OpenRating())
    k.host.dispatch(ri.SkipRating())
    assert k.host.state.screen == ATTRACT and k.host.session is None
