"""Intents of the results journey: query progress, pick up a result, rate the service."""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.intents import Intent


@dataclass(frozen=True)
class OpenProgress(Intent):
    """From the attract screen: where does my application stand?"""


@dataclass(frozen=True)
class OpenPickup(Intent):
    """From the attract screen: collect a result with a pickup code and the ID card."""


@dataclass(frozen=True)
class PressKey(Intent):
    """One key of the numeric/Latin keypad ("DEL" removes the last character)."""

    key: str


@dataclass(frozen=True)
class SubmitEntry(Intent):
    """Look up the application number or pickup code typed so far."""


@dataclass(frozen=True)
class OpenRating(Intent):
    """After a pickup: rate the service (好差评)."""


@dataclass(frozen=True)
class ChooseLevel(Intent):
    """One of the five levels, 5 非常满意 … 1 非常不满意."""

    level: int


@dataclass(frozen=True)
class ToggleOption(Intent):
    """Tick or untick one option (praise or bad-rating reason) of the chosen level."""

    option: str


@dataclass(frozen=True)
class SetComment(Intent):
    """The resident's own words (required with levels 1-2 when no reason is ticked)."""

    text: str


@dataclass(frozen=True)
class SendRating(Intent):
    """Send the rating through the outbox."""


@dataclass(frozen=True)
class SkipRating(Intent):
    """No rating: end the session."""


@dataclass(frozen=True)
class UseCard(Intent):
    """Progress by ID card: the resident will place the card (any time on the progress screen)."""


@dataclass(frozen=True)
class ChooseApplication(Intent):
    """One of the card holder's applications from the list -> its timeline."""

    application_no: str


@dataclass(frozen=True)
class AnswerSupplement(Intent):
    """Answer the 补正 request shown on the timeline (the card holder must own the application)."""


@dataclass(frozen=True)
class UseCertificate(Intent):
    """Supply the current material with one of the resident's e-certificates."""

    cert_id: str


@dataclass(frozen=True)
class FinishMaterial(Intent):
    """The pages captured for the current material are complete: assemble its PDF."""


@dataclass(frozen=True)
class SelectMaterial(Intent):
    """Work on another material of the 补正 request."""

    index: int


@dataclass(frozen=True)
class SendSupplement(Intent):
    """Every material supplied: send the 补正 through the outbox."""
