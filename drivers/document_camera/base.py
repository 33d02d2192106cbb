"""Document-camera contract: live preview, page outline, automatic capture of clean pages."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from drivers.base import CommandHandle, DeviceEvent, DeviceStatus
from drivers.events import PageCaptured, PageDetected

PAGE_DETECTED = PageDetected.KIND   # data: corners [[x, y] x 4] or None, hint (str code)
PAGE_CAPTURED = PageCaptured.KIND   # data: image (numpy, corrected), format, dpi, corners, quality


@dataclass(frozen=True)
class CapturedPage:
    """A straightened, cleaned page: image (grey for papers, BGR for cards), format, dpi, corners."""

    image: Any  # numpy array
    format: str
    dpi: int
    corners: list[list[float]]
    frame_no: int


@runtime_checkable
class DocumentCamera(Protocol):
    """A camera over the scanning plate (OpenCV capture or the in-process simulator)."""

    name: str

    def start(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...
    def status(self) -> DeviceStatus: ...
    def latest_frame(self) -> Any: ...  # numpy BGR array or None, shared: do not modify
    def latest_frame_counter(self) -> int: ...  # lets a preview skip an unchanged frame
    def capture(self, timeout: float = 20.0) -> CommandHandle[CapturedPage]: ...
    def add_listener(self, cb: Any) -> None: ...
    def remove_listener(self, cb: Any) -> None: ...
    def diagnostics(self) -> dict: ...


__all__ = ["PAGE_DETECTED", "PAGE_CAPTURED", "CapturedPage", "DocumentCamera", "DeviceEvent"]
