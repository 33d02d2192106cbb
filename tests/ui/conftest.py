"""Starts one real KioskApp window for the UI tests (Kivy allows one window per process)."""
from __future__ import annotations

import os

import pytest

from screens.kivy_env import prepare

os.environ.pop("DISPLAY", None)  # SDL falls back to its offscreen driver on Mesa
prepare(kiosk_mode=False, width=900, height=1280)


@pytest.fixture(scope="session")
def ui():
    """A running app on simulated devices with a controllable idle clock."""
    from kivy.base import EventLoop

    from kiosk.core import build_core
    from screens.app import KioskApp
    from testkit.ui_harness import UiDriver
    from testkit.clock import FakeClock

    clock = FakeClock()
    core = build_core(clock=clock)
    app = KioskApp(core)
    app.raise_intent_errors = True  # an intent without a handler fails the test
    app._run_prepare()  # build and show the window without entering app.run()'s loop
    driver = UiDriver(app)
    driver.clock = clock
    driver.pump(5)
    yield driver
    core.stop()
    app.stop()
    EventLoop.idle()


@pytest.fixture
def fresh(ui):
    """Each test starts on the attract screen in Chinese, standard mode."""
    from kiosk.flow import intents as it
    ui.app.send(it.Finish())
    ui.wait_screen("attract")
    if ui.app.flow.state.elder_mode:
        ui.app.send(it.ToggleElderMode())
    if ui.app.flow.state.chrome.low_reach:  # a mode a previous test may have left on
        ui.app.send(it.ToggleLowReach())
    ui.app.send(it.SetLanguage("zh"))
    ui.pump(3)
    return ui
