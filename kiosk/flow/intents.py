"""Intents: what a screen asks the flow to do. Plain data; screens never call drivers."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Intent", "Start", "SetLanguage", "ToggleElderMode", "Browse", "Search", "OpenService",
           "OpenBundle", "ToggleBundleItem", "PrintGuide", "Back", "Home", "Finish",
           "ExtendSession", "Activity", "AnswerQuestion", "ScanCode", "ScanMaterials",
           "FinishScan"]


class Intent:
    """Base of every intent."""


@dataclass(frozen=True)
class Start(Intent):
    """Resident touched the attract screen."""


@dataclass(frozen=True)
class SetLanguage(Intent):
    """Switch the display language."""

    language: str


@dataclass(frozen=True)
class ToggleElderMode(Intent):
    """Larger text and simpler screens for elderly residents."""


@dataclass(frozen=True)
class Browse(Intent):
    """Browse the catalog by life event, theme or department."""

    kind: str


@dataclass(frozen=True)
class Search(Intent):
    """The search box text changed."""

    query: str


@dataclass(frozen=True)
class OpenService(Intent):
    """Open the guide of one service item."""

    code: str


@dataclass(frozen=True)
class OpenBundle(Intent):
    """Open a one-thing bundle."""

    bundle_id: str


@dataclass(frozen=True)
class ToggleBundleItem(Intent):
    """Include or leave out one item of the open bundle."""

    code: str


@dataclass(frozen=True)
class AnswerQuestion(Intent):
    """Answer one eligibility question of the open guide ("yes" or "no")."""

    question_id: str
    answer: str


@dataclass(frozen=True)
class PrintGuide(Intent):
    """Print the open guide (one-time notice slip)."""


@dataclass(frozen=True)
class Back(Intent):
    """Go one screen back."""


@dataclass(frozen=True)
class Home(Intent):
    """Back to the catalog's start."""


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
class ScanCode(Intent):
    """Hold a pickup, receipt or e-ID code up to the QR camera."""


@dataclass(frozen=True)
class ScanMaterials(Intent):
    """Photograph the open guide's materials on the document camera."""


@dataclass(frozen=True)
class FinishScan(Intent):
    """Done photographing: assemble the pages into one PDF."""
