"""Code step: read the kiosk's own signed QR codes (pickup, receipt, e-ID) on the QR camera."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from drivers.base import DeviceState
from kiosk import codes
from kiosk.flow.scan import intents as si
from kiosk.flow.scan.pages import QR_CAMERA, SCAN, ScanPage
from kiosk.flow.scan.preview import CameraFeed
from kiosk.i18n import Msg

if TYPE_CHECKING:
    from kiosk.flow.host import FlowHost

log = logging.getLogger(__name__)
CAMERA_DOWN = (DeviceState.NO_DEVICE, DeviceState.HARDWARE_ERROR, DeviceState.POWER_OFF)


def describe(payload: Any) -> tuple[Msg, ...]:
    """What a valid code means to the resident."""
    needs = Msg("scan.code.needs_platform")
    if payload.kind == "pickup":
        until = dt.datetime.fromtimestamp(payload.expires_at).strftime("%Y-%m-%d %H:%M")
        return Msg.of("scan.code.pickup", id=payload.pickup_id, until=until), needs
    if payload.kind == "receipt":
        return Msg.of("scan.code.receipt", no=payload.receipt_no), needs
    return Msg("scan.code.eid"), needs


class CodeStep:
    """Starts and stops decoding; turns each code read into a result on the page."""

    def __init__(self, host: "FlowHost") -> None:
        self.host = host

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {si.ScanCode: self.scan_code}

    def scan_code(self, _: si.ScanCode) -> None:

        """Open the QR camera (or say at once that it is missing)."""
        self.host.begin_session()
        camera = self.host.devices.get(QR_CAMERA)
        if camera.status().state not in CAMERA_DOWN:  # a camera still opening gets its chance
            camera.set_scanning(True)
            page = ScanPage(QR_CAMERA, hint=Msg("scan.qr.hint"), feed=CameraFeed(camera))
        else:  # say so at once rather than show a dead preview
            page = ScanPage(QR_CAMERA, ok=False, hint=Msg("scan.camera_off"))
        self.host.show(SCAN, page, remember=True)

    def code_read(self, page: ScanPage, text: str) -> None:
        """A code seen by the camera (host lock held)."""
        try:
            payload = codes.parse(text)
        except codes.CodeError as exc:
            log.info("scanned code refused: %s", exc.code)
            self.host.update(replace(page, ok=False, result=(Msg(exc.message_key),)))
            return
        self.host.update(replace(page, ok=True, result=describe(payload)))

    def stop(self) -> None:
        """The QR screen closed: stop decoding."""
        self.host.devices.get(QR_CAMERA).set_scanning(False)
