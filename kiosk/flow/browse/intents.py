"""Intents of the browse journey: what the catalog, guide and print screens ask for."""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.intents import Intent


@dataclass(frozen=True)
class Start(Intent):
    """Resident touched the attract screen."""


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
