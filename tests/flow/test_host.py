"""The flow host on the fake hub: dispatch table, transition table, chrome, help, idle, Back."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from drivers.base import DeviceState, MediaState
from kiosk.flow import intents as it
from kiosk.flow.browse import CATALOG, GUIDE
from kiosk.flow.browse import intents as bi
from kiosk.flow.events import StaffCalled
from kiosk.flow.host import FlowHost, TransitionError, UnhandledIntent
from kiosk.flow.journey import Journey, Transition
from kiosk.flow.state import ATTRACT
from kiosk.i18n import Msg
from testkit.recorder import EventRecorder


@dataclass(frozen=True)
class Nobody(it.Intent):
    """An intent no journey handles."""


def test_an_intent_without_a_handler_raises(host):
    with pytest.raises(UnhandledIntent, match="Nobody"):
        host.dispatch(Nobody())


def test_an_intent_not_accepted_on_this_screen_changes_nothing(host):
    before = host.state
    host.dispatch(bi.PrintGuide())  # only accepted on the guide screen
    assert host.state is before and host.session is None


@dataclass(frozen=True)
class Jump(it.Intent):
    """Moves to a screen its table does not allow."""


class RogueJourney(Journey):
    """A journey whose handler breaks its own transition table."""

    name = "rogue"
    screens = ("rogue",)
    transitions = (Transition.on(Jump, None, {"elsewhere"}),)

    def handlers(self):
        return {Jump: lambda _i: self.host.show("rogue", None)}


def test_a_handler_breaking_the_transition_table_is_reported(content, hub, clock):
    host = FlowHost(content, hub, idle_timeout_s=90, idle_warning_s=30, clock=clock)
    host.register(RogueJourney)
    with pytest.raises(TransitionError, match="attract -> rogue"):
        host.dispatch(Jump())


def test_registration_refuses_clashes_and_untabled_handlers(content, hub, clock):
    host = FlowHost(content, hub, idle_timeout_s=90, idle_warning_s=30, clock=clock)
    host.register(RogueJourney)
    with pytest.raises(ValueError, match="already"):
        host.register(RogueJourney)

    class Untabled(Journey):
        name = "untabled"
        screens = ("u",)

        def handlers(self):
            return {Nobody: lambda _i: None}

    with pytest.raises(ValueError, match="handlers and transitions differ on Nobody"):
        host.register(Untabled)


def test_help_opens_the_panel_and_calls_staff_on_every_screen(host, clock):
    calls = EventRecorder()
    host.subscribe(StaffCalled, calls)
    host.dispatch(it.OpenHelp())
    assert host.state.chrome.help_open and host.state.screen == ATTRACT
    host.dispatch(it.CloseHelp())
    host.dispatch(bi.Start())
    host.dispatch(it.SetLanguage("en"))
    host.dispatch(it.OpenHelp())
    assert host.state.chrome.help_open
    assert calls.items == [StaffCalled(ATTRACT, "zh", False, clock.now),
                           StaffCalled(CATALOG, "en", False, clock.now)]
    host.dispatch(it.Finish())
    assert not host.state.chrome.help_open  # the next resident starts with it closed


def test_a_failing_subscriber_does_not_stop_the_others(host):
    calls = EventRecorder()
    host.subscribe(StaffCalled, lambda e: 1 / 0)
    host.subscribe(StaffCalled, calls)
    host.dispatch(it.OpenHelp())
    assert len(calls.of_type(StaffCalled)) == 1


def test_device_alerts_in_the_chrome_follow_status(host, hub):
    assert host.state.chrome.alerts == ()
    hub.printer.set_status(DeviceState.ONLINE, MediaState.PAPER_OUT)
    assert host.state.chrome.alerts == (Msg.of("alert.paper_out", device=Msg("device.printer")),)
    hub.qr_camera.set_status(DeviceState.NO_DEVICE)
    assert Msg.of("alert.device_down", device=Msg("device.qr_camera")) in host.state.chrome.alerts
    hub.printer.set_status(DeviceState.ONLINE, MediaState.PAPER_FULL)
    hub.qr_camera.set_status(DeviceState.ONLINE)
    assert host.state.chrome.alerts == ()


def test_idle_warning_then_expiry_wipes_and_resets_the_chrome(host, clock):
    host.dispatch(it.SetLanguage("en"))
    host.dispatch(it.ToggleElderMode())
    host.dispatch(bi.Start())
    session = host.session
    session.put("identity", {"name": "张三"})
    clock.advance(121)  # elder mode: twice the standard 90 s / 30 s
    host.tick()
    assert host.state.chrome.idle_seconds_left == 59
    host.dispatch(it.ExtendSession())
    assert host.state.chrome.idle_seconds_left is None
    clock.advance(181)
    host.tick()
    assert host.state.screen == ATTRACT and host.session is None and session.wiped
    assert host.state.chrome.language == "zh" and not host.state.chrome.elder_mode


def test_back_and_home_follow_the_navigation_stack(host):
    assert not host.state.chrome.in_session and not host.state.chrome.can_go_back
    host.dispatch(bi.Start())
    assert host.state.chrome.in_session and host.state.chrome.can_go_back
    code = next(e.code for g in host.state.page.groups for e in g.entries if not e.is_bundle)
    host.dispatch(bi.OpenService(code))
    host.dispatch(it.Home())
    assert host.state.screen == CATALOG
    host.dispatch(it.Back())  # Home forgot the guide: Back leaves the session
    assert host.state.screen == ATTRACT and host.session is None
    host.dispatch(it.Home())  # Home on the attract screen does nothing
    assert host.state.screen == ATTRACT


def test_every_state_change_reaches_listeners_with_a_new_revision(host):
    states = EventRecorder()
    host.add_listener(states)
    host.dispatch(bi.Start())
    host.dispatch(it.ToggleElderMode())
    revisions = [s.revision for s in states.items]
    assert len(revisions) == 2 and revisions[0] < revisions[1]
    assert states.items[-1].elder_mode and host.session.elder_mode


def test_unknown_language_is_refused_with_its_name(host):
    with pytest.raises(ValueError, match="'fr'"):
        host.dispatch(it.SetLanguage("fr"))
    assert host.state.language == "zh"


def test_the_merged_table_covers_every_handler(host):
    assert set(host.transition_table()) == set(host.handled_intents())
    assert host.transition_table()[bi.OpenService].targets == frozenset({GUIDE})
