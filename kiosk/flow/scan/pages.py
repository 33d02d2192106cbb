"""The scan screen and its page value."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from kiosk.flow.scan.preview import CameraFeed
from kiosk.i18n import Msg

SCAN = "scan"
QR_CAMERA = "qr_camera"
DOCUMENT_CAMERA = "document_camera"


@dataclass(frozen=True)
class ScanPage:
    """A camera screen: scanning a code, or photographing materials page by page."""

    device: str  # QR_CAMERA | DOCUMENT_CAMERA
    hint: Optional[Msg] = None
    corners: tuple[tuple[float, float], ...] | None = None  # page outline in frame pixels
    pages: int = 0
    result: tuple[Msg, ...] = ()
    ok: bool | None = None  # None: nothing read yet
    busy: bool = False
    feed: CameraFeed | None = None  # the live preview: the screen blits feed.frame()
