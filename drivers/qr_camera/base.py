"""QR-camera contract: scanning on/off, a code_scanned event, and the newest preview frame."""
from __future__ import annotations

from typing import Any, Protocol

from drivers.base import DeviceStatus

CODE_SCANNED = "code_scanned"  # data: text (str), raw (bytes)


class QrCamera(Protocol):
    """A camera that reports QR codes held in front of it."""

    name: str

    def start(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...
    def status(self) -> DeviceStatus: ...
    def set_scanning(self, on: bool) -> None: ...
    def latest_frame(self) -> Any: ...  # numpy BGR array or None
    def diagnostics(self) -> dict: ...
