"""Document-camera contract: live preview, page outline, automatic capture of clean pages."""
from __future__ import annotations

from typing import Any, Protocol

from drivers.base import CommandHandle, DeviceStatus

PAGE_DETECTED = "page_detected"   # data: corners [[x, y] x 4] or None, hint (str code)
PAGE_CAPTURED = "page_captured"   # data: image (numpy BGR, corrected), quality (dict)


class DocumentCamera(Protocol):
    """A camera over the scanning plate."""

    name: str

    def start(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...
    def status(self) -> DeviceStatus: ...
    def latest_frame(self) -> Any: ...  # numpy BGR array or None
    def capture(self, timeout: float = 20.0) -> CommandHandle[Any]: ...
    def diagnostics(self) -> dict: ...
