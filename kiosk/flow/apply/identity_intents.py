"""Intents of the identity ladder beyond the ID card: choose a way, type the MRZ, read the passport."""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.intents import Intent


@dataclass(frozen=True)
class ChooseIdentityWay(Intent):
    """Try another rung of the ladder: "id_card", "passport", "eid_qr" or "typed"."""

    way: str


@dataclass(frozen=True)
class TypeIdentityField(Intent):
    """Text typed into one entry of the identify screen (MRZ parts, ID number, name)."""

    field_id: str
    text: str


@dataclass(frozen=True)
class ReadPassport(Intent):
    """Check the typed MRZ parts, then read the e-passport's chip with BAC and verify it."""


@dataclass(frozen=True)
class SubmitTypedIdentity(Intent):
    """Check and verify the typed ID number and name (the entries on the page)."""


@dataclass(frozen=True)
class ScanMrz(Intent):
    """Read the passport's MRZ from the document camera (Tesseract OCR) instead of typing it."""
