"""Intents the chrome sends on every screen; each journey defines its own in its package."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Intent", "SetLanguage", "ToggleElderMode", "Back", "Home", "Finish", "ExtendSession",
           "Activity", "OpenHelp", "CloseHelp", "ToggleLowReach"]


class Intent:
    """Base of every intent: plain data a screen hands the flow host."""


@dataclass(frozen=True)
class SetLanguage(Intent):
    """Switch the display language."""

    language: str


@dataclass(frozen=True)
class ToggleElderMode(Intent):
    """Larger text and simpler screens for elderly residents."""


@dataclass(frozen=True)
class ToggleLowReach(Intent):
    """Every control in the lower part of the screen, for residents in a wheelchair (ADA 707)."""


@dataclass(frozen=True)
class Back(Intent):
    """Go one screen back."""


@dataclass(frozen=True)
class Home(Intent):
    """Back to the start of the session (the journey registered as home decides where)."""


@dataclass(frozen=True)
class Finish(Intent):
    """Resident is done: wipe the session and show the attract screen."""


@dataclass(frozen=True)
class ExtendSession(Intent):
    """One tap on 'I need more time'."""


@dataclass(frozen=True)
class Activity(Intent):
    """Any touch: restarts the idle timer."""


@dataclass(frozen=True)
class OpenHelp(Intent):
    """The help button: show the help point and 12345, and call staff."""


@dataclass(frozen=True)
class CloseHelp(Intent):
    """Close the help panel."""
