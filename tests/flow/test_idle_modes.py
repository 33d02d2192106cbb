"""Idle times per mode (WCAG 2.2.1): a warning with >= 20 s to answer, twice as long in elder mode,
and the low-reach toggle in the chrome."""
from __future__ import annotations

import pytest

from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.idle import MIN_WARNING_S, IdlePhase, IdleTimer


def test_the_warning_gives_at_least_20_seconds():
    with pytest.raises(ValueError, match="20"):
        IdleTimer(60, MIN_WARNING_S - 1)
    with pytest.raises(ValueError, match="at least 1"):
        IdleTimer(90, 30, elder_factor=0.5)


def test_elder_and_keypad_modes_stretch_both_times():
    now = [0.0]
    timer = IdleTimer(90, 30, clock=lambda: now[0], elder_factor=2.0, keypad_factor=3.0)
    timer.set_mode(elder=True)
    now[0] = 119.0  # past the standard warning start (60 s), before the elder one (120 s)
    assert timer.status().phase == IdlePhase.ACTIVE
    now[0] = 121.0
    status = timer.status()
    assert status.phase == IdlePhase.WARNING and status.seconds_left == pytest.approx(59)
    timer.set_mode(elder=True, keypad=True)  # the larger factor wins
    assert timer.status().seconds_left == pytest.approx(270 - 121)
    timer.set_mode()
    assert timer.status().phase == IdlePhase.EXPIRED


def test_the_host_uses_elder_times_while_elder_mode_is_on(host, clock):
    host.dispatch(bi.Start())
    host.dispatch(it.ToggleElderMode())
    host.dispatch(it.Activity())
    clock.advance(90 - 30 + 1)  # standard mode would warn here
    host.tick()
    assert host.state.chrome.idle_seconds_left is None
    clock.advance(60)  # elder: 180 s, warned 60 s before
    host.tick()
    assert host.state.chrome.idle_seconds_left == pytest.approx(59, abs=1)
    host.dispatch(it.ExtendSession())
    host.dispatch(it.ToggleElderMode())  # back to standard times
    clock.advance(61)
    host.tick()
    assert host.state.chrome.idle_seconds_left == pytest.approx(29, abs=1)
    clock.advance(30)
    host.tick()
    assert host.state.screen == "attract" and host.session is None


def test_low_reach_is_one_chrome_intent_and_ends_with_the_session(host):
    assert host.state.chrome.low_reach is False
    host.dispatch(it.ToggleLowReach())  # works on the attract screen, before a session
    assert host.state.chrome.low_reach is True
    host.dispatch(bi.Start())
    assert host.state.chrome.low_reach is True and host.state.screen == "catalog"
    host.dispatch(it.Finish())
    assert host.state.chrome.low_reach is False  # the next resident starts standard
