"""In-process document-camera simulator: returns a blank A4 page when asked to capture."""
from __future__ import annotations

from typing import Any, Mapping

from drivers.base import CancelToken, CommandHandle, DeviceState, DeviceWorker


class SimulatedDocumentCamera(DeviceWorker):
    """Document camera with no image source."""

    device_class = "document_camera"

    def capabilities(self) -> Mapping[str, Any]:
        return {"formats": ["A4", "A5", "ID-1"], "simulated": True}

    def _open(self) -> None:
        self.set_status(DeviceState.ONLINE, detail="simulated")

    def latest_frame(self) -> Any:
        """No image source: no frame."""
        return None

    def capture(self, timeout: float = 20.0) -> CommandHandle[Any]:
        """Return a white A4 page at 200 dpi."""
        def run(token: CancelToken) -> Any:
            import numpy as np
            token.check()
            return np.full((2339, 1654, 3), 255, dtype=np.uint8)
        return self.submit("capture", run, timeout)


def make(name: str, options: Mapping[str, Any]) -> SimulatedDocumentCamera:
    """Factory used by the driver registry."""
    return SimulatedDocumentCamera(name)
