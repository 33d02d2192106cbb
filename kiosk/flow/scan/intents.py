"""Intents of the scan journey: read a code on the QR camera, photograph materials."""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.intents import Intent


@dataclass(frozen=True)
class ScanCode(Intent):
    """Hold a pickup, receipt or e-ID code up to the QR camera."""


@dataclass(frozen=True)
class ScanMaterials(Intent):
    """Photograph the open guide's materials on the document camera."""


@dataclass(frozen=True)
class FinishScan(Intent):
    """Done photographing: assemble the pages into one PDF."""
