"""The immutable view state: the chrome every screen shares plus one page value per screen."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.i18n import Msg

ATTRACT = "attract"  # the host's own screen; journeys name theirs in their pages module


@dataclass(frozen=True)
class Chrome:
    """What the bar on every screen shows: language, elder mode, time left, help, device alerts."""

    language: str = "zh"
    elder_mode: bool = False
    low_reach: bool = False  # every control in the lower part of the screen (ADA 707 reach)
    idle_seconds_left: float | None = None  # set while the idle warning shows
    help_open: bool = False
    alerts: tuple[Msg, ...] = ()  # one line per device that cannot work now
    can_go_back: bool = False
    in_session: bool = False  # False on the attract screen: Home and Back are hidden


@dataclass(frozen=True)
class AttractPage:
    """The attract screen's page: a notice for staff and residents when guides failed to load."""

    notice: Msg | None = None
    availability: tuple[Msg, ...] = ()  # what works and what does not while a device is down
    reminder: Msg | None = None  # asked of the resident who just left (take your card), spoken

    def prompt(self) -> Msg | None:
        """The reminder is spoken; without one the attract screen's default prompt is."""
        return self.reminder


@dataclass(frozen=True)
class ViewState:
    """Everything the screens need; replaced, never mutated.

    `screen` names the screen showing, `page` is that screen's page value (its type belongs to
    the journey that owns the screen).
    """

    screen: str = ATTRACT
    chrome: Chrome = Chrome()
    page: Any = AttractPage()
    revision: int = field(default=0, compare=False)

    @property
    def language(self) -> str:
        """The chrome's language (a shortcut used everywhere)."""
        return self.chrome.language

    @property
    def elder_mode(self) -> bool:
        """The chrome's elder mode."""
        return self.chrome.elder_mode
