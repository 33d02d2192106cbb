"""QR-camera contract: scanning on/off, a code_scanned event, and the newest preview frame."""
from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from drivers.base import DeviceStatus
from drivers.events import CodeScanned

CODE_SCANNED = CodeScanned.KIND  # data: text (str), raw (bytes)


@runtime_checkable
class QrCamera(Protocol):
    """A camera that reports QR codes held in front of it (OpenCV capture or the simulator)."""

    name: str

    @property
    def scanning(self) -> bool: ...
    def start(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...
    def status(self) -> DeviceStatus: ...
    def set_scanning(self, on: bool) -> None: ...
    def latest_frame(self) -> Any: ...  # numpy BGR array or None, shared: do not modify
    def latest_frame_counter(self) -> int: ...  # lets a preview skip an unchanged frame
    def add_listener(self, cb: Any) -> None: ...
    def remove_listener(self, cb: Any) -> None: ...
    def diagnostics(self) -> dict: ...
