"""Screens for supplying one material: the document camera capture and the commitment signature."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.i18n import Msg

CAPTURE = "apply_capture"
SIGN = "apply_sign"


@dataclass(frozen=True)
class CapturePage:
    """Photographing one material page by page; the camera captures a page once it lies still."""

    code: str
    name: str
    pages: int = 0
    hint: Msg | None = None
    corners: tuple[tuple[float, float], ...] | None = None  # page outline in frame pixels
    busy: bool = False  # the PDF is being assembled
    error: Msg | None = None
    feed: Any = None  # CameraFeed: the screen polls it for preview frames

    def prompt(self) -> Msg | None:
        """What the voice reads: the camera's hint, else the screen's default."""
        return self.error or self.hint


@dataclass(frozen=True)
class SignPage:
    """The commitment (告知承诺) text for one material and a pad to sign it with a finger."""

    code: str
    name: str
    text: Msg
    busy: bool = False
    error: Msg | None = None
