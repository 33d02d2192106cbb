"""Intents of the materials step: finish a capture, sign a commitment."""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.intents import Intent


@dataclass(frozen=True)
class FinishCapture(Intent):
    """The pages of the material being photographed are all there: make the PDF."""


@dataclass(frozen=True)
class RetakeCapture(Intent):
    """Drop the pages taken so far for this material and start again."""


@dataclass(frozen=True)
class SignCommitment(Intent):
    """The signature drawn on the pad: strokes of (x, y) points in 0..1 of the pad, y downward."""

    code: str
    strokes: tuple[tuple[tuple[float, float], ...], ...]
