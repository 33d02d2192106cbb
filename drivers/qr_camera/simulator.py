"""In-process QR-camera simulator: codes are injected by tests or the dev tools."""
from __future__ import annotations

from typing import Any, Mapping

from drivers.base import DeviceState, DeviceWorker
from drivers.qr_camera.base import CODE_SCANNED


class SimulatedQrCamera(DeviceWorker):
    """QR camera with no image source; `show_code` plays a resident holding up a code."""

    device_class = "qr_camera"

    def __init__(self, name: str = "qr_camera") -> None:
        super().__init__(name)
        self.scanning = False

    def capabilities(self) -> Mapping[str, Any]:
        return {"symbologies": ["qr"], "simulated": True}

    def _open(self) -> None:
        self.set_status(DeviceState.ONLINE, detail="simulated")

    def set_scanning(self, on: bool) -> None:
        """Turn decoding on or off."""
        self.scanning = on

    def latest_frame(self) -> Any:
        """No image source: no frame."""
        return None

    def show_code(self, text: str) -> None:
        """Report a code as if it had been decoded from a frame."""
        if self.scanning:
            self.emit(CODE_SCANNED, text=text, raw=text.encode("utf-8"))


def make(name: str, options: Mapping[str, Any]) -> SimulatedQrCamera:
    """Factory used by the driver registry."""
    return SimulatedQrCamera(name)
