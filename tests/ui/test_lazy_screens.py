"""Screens built on first use or in idle frames: every screen exists after start, once each."""
from __future__ import annotations

import pytest
from kivy.uix.screenmanager import Screen, ScreenManagerException

from kiosk.flow.browse.pages import GUIDE
from kiosk.flow.state import ATTRACT
from screens.lazy_manager import LazyScreenManager

pytestmark = pytest.mark.ui



def test_every_screen_is_built_once_in_idle_frames(fresh):
    """Once the kiosk is idle every screen a journey can show exists, exactly once, and the
    guide got its Apply button (added when the guide is built)."""
    manager = fresh.app.root.ids.manager
    every_screen = {ATTRACT} | {s for j in fresh.app.flow.journeys for s in j.screens}
    fresh.wait_for(lambda: not manager.pending_names(), "every screen built in idle frames",
                   limit_s=60)  # built once nobody has touched for QUIET_S
    names = [s.name for s in manager.screens]
    assert sorted(names) == sorted(set(names)), "a screen was built twice"
    assert set(names) == every_screen
    ids = manager.get_screen(GUIDE).ids
    added = [w for w in ids.print_button.parent.children if w not in (ids.scan_button, ids.print_button)]
    assert len(added) == 1, "the guide's Apply button is missing or added twice"


def test_get_screen_builds_a_registered_screen_on_demand():
    """get_screen builds the group that makes the name (once) and runs its after-hook."""
    manager = LazyScreenManager()
    made, hooked = [], []

    def pair():
        made.append(1)
        return [Screen(name="one"), Screen(name="two")]

    manager.add_lazy(("one", "two"), pair, after=lambda: hooked.append(manager.get_screen("one")))
    assert manager.has_screen("two") and not manager.is_built("two")
    assert manager.get_screen("two").name == "two"
    assert manager.get_screen("one") is hooked[0]
    assert made == [1] and manager.pending_names() == []
    with pytest.raises(ScreenManagerException):
        manager.get_screen("three")


def test_a_factory_that_makes_other_names_fails_loudly():
    """A registration whose names do not match what the factory makes is an error, not a
    screen that silently never appears."""
    manager = LazyScreenManager()
    manager.add_lazy(("one",), lambda: [Screen(name="uno")])
    with pytest.raises(ScreenManagerException, match="made"):
        manager.build_all()
    with pytest.raises(ScreenManagerException, match="twice"):
        manager.add_lazy(("a",), list) or manager.add_lazy(("a",), list)
