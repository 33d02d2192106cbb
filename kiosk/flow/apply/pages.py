"""Screens of the apply journey and their page values (texts as Msg; personal data masked)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.i18n import Msg

IDENTIFY = "apply_identify"
FORM = "apply_form"
MATERIALS = "apply_materials"
REVIEW = "apply_review"
SUBMITTED = "apply_submitted"


@dataclass(frozen=True)
class IdentifyPage:
    """Who is applying: reading the card, verifying, or why it failed and what to do next."""

    code: str
    state: str  # "ready" | "reading" | "verifying" | "failed" | "blocked"
    message: Msg
    can_type: bool = False  # the typed ID number + name rung is offered
    typed_refused: Msg | None = None  # why typing is not offered (high assurance)


@dataclass(frozen=True)
class FieldRow:
    """One form field as shown: text, origin (document/shared/typed), lock, keypad, message."""

    id: str
    label: str
    text: str
    origin: str | None
    locked: bool
    keypad: str
    error: Msg | None = None


@dataclass(frozen=True)
class FormPage:
    """The one form: every field of the item, prefilled ones marked and locked."""

    code: str
    person: str  # masked display name from the platform
    fields: tuple[FieldRow, ...]
    complete: bool
    notice: Msg | None = None  # e.g. "please take your ID card" while it is still on the reader
    input: Any = None  # kiosk.flow.apply.input_step.InputPanel: keypad, candidates, picker

    def prompt(self) -> Msg | None:
        """The notice is spoken (take your card: the sound cue); else the screen's default prompt."""
        return self.notice


@dataclass(frozen=True)
class MaterialRow:
    """One material: the ways allowed, the chosen way, and the certificate found (issuer, validity)."""

    code: str
    name: str
    required: bool
    options: tuple[str, ...]  # "certificate" | "upload" | "commitment" | "deferred"
    chosen: str | None
    certificate: str = ""  # "name · issuer · valid to …" when the platform holds one
    pages: int = 0  # pages captured (1 for a signed commitment)
    certificate_info: Msg | None = None  # the certificate's name, issuer and validity, to translate


@dataclass(frozen=True)
class MaterialsPage:
    """Materials and the one feedback: everything still missing, shown at once."""

    code: str
    materials: tuple[MaterialRow, ...]
    missing: tuple[Msg, ...] = ()
    ready: int = 0  # required materials supplied (the checklist's "n of m")
    total: int = 0
    notice: Msg | None = None  # how printing the one-time notice went


@dataclass(frozen=True)
class ReviewPage:
    """Everything on one screen before submitting."""

    code: str
    title: str
    person: str
    assurance: str
    fields: tuple[FieldRow, ...]
    materials: tuple[MaterialRow, ...]
    delivery: str
    error: Msg | None = None
    items: tuple[str, ...] = ()  # the items applied for (a bundle's several), in the page's language
    elsewhere: tuple[str, ...] = ()  # bundle items done elsewhere, and where and how


@dataclass(frozen=True)
class SubmittedPage:
    """What the resident is told, and only what is true."""

    state: str  # "storing" | "sending" | "accepted" | "rejected" | "queued" | "failed"
    message: Msg
    reference: str = ""  # application number, or the LOCAL- reference while queued
    printed: Msg | None = None
