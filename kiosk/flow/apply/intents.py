"""Intents of the apply journey: identify, fill the one form, choose materials, review, submit."""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.intents import Intent


@dataclass(frozen=True)
class StartApply(Intent):
    """Apply for the single service whose guide is open."""

    code: str


@dataclass(frozen=True)
class ReadIdCard(Intent):
    """Read the ID card on the reader."""


@dataclass(frozen=True)
class TypeIdentity(Intent):
    """The last rung of the identity ladder: ID number and name typed (low assurance)."""

    id_number: str
    name: str


@dataclass(frozen=True)
class TypeField(Intent):
    """Text typed into one field of the form."""

    field_id: str
    text: str


@dataclass(frozen=True)
class FormDone(Intent):
    """The form is filled: go on to the materials."""


@dataclass(frozen=True)
class ChooseMaterial(Intent):
    """Supply one material one of the ways the guide allows (certificate, commitment, deferred)."""

    code: str
    via: str


@dataclass(frozen=True)
class MaterialsDone(Intent):
    """Materials chosen: check completeness and review."""


@dataclass(frozen=True)
class SubmitApplication(Intent):
    """Send the reviewed application through the outbox."""


@dataclass(frozen=True)
class EditSection(Intent):
    """From the review, change one section: "form" or "materials" (then on to the review again)."""

    section: str
