"""The scan screen and its page value."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from kiosk.flow.scan.preview import CameraFeed
from kiosk.flow.prompts import ScreenPrompt, all_params_personal
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

    def prompt(self) -> Msg | ScreenPrompt | None:
        """What was read (its details are personal: never read aloud), else the camera's hint."""
        if self.result and self.device == QR_CAMERA:
            return all_params_personal(self.result[0], confirm=True)
        if self.result:
            return ScreenPrompt(self.result[0], confirm=True)
        return self.hint  # None: the scan screen's default prompt
