"""The scan journey: read a code on the QR camera; photograph materials on the document camera."""
from __future__ import annotations

from drivers.base import DeviceEvent
from drivers.qr_camera.base import CODE_SCANNED
from kiosk.flow.journey import Journey
from kiosk.flow.scan.code_step import CodeStep
from kiosk.flow.scan.materials_step import MaterialsStep
from kiosk.flow.scan.pages import QR_CAMERA, SCAN, ScanPage
from kiosk.flow.scan.transitions import TRANSITIONS
from kiosk.flow.state import ViewState


class ScanJourney(Journey):
    """Both cameras on one screen; the page says which."""

    name = "scan"
    screens = (SCAN,)
    transitions = TRANSITIONS

    def __init__(self, host) -> None:
        super().__init__(host)
        self.code = CodeStep(host)
        self.materials = MaterialsStep(host)

    def handlers(self) -> dict:
        """Every step's handlers."""
        return {**self.code.handlers(), **self.materials.handlers()}

    def on_device_event(self, event: DeviceEvent) -> None:
        """Camera events feed the scan page that shows them."""
        state = self.host.state
        page = state.page
        if state.screen != SCAN or not isinstance(page, ScanPage) or event.device != page.device:
            return
        if event.kind == CODE_SCANNED:
            self.code.code_read(page, str(event.data.get("text", "")))
        else:
            self.materials.camera_event(page, event)

    def on_leave(self, old: ViewState, new: ViewState) -> None:
        """Stop decoding when the QR screen closes."""
        if isinstance(old.page, ScanPage) and old.page.device == QR_CAMERA:
            self.code.stop()
