"""Materials step: photograph the open guide's materials page by page, then one PDF."""
from __future__ import annotations

import logging
from concurrent.futures import Future
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from drivers.base import DeviceEvent
from drivers.document_camera.base import PAGE_CAPTURED, PAGE_DETECTED
from kiosk.flow.scan import intents as si
from kiosk.flow.scan.pages import DOCUMENT_CAMERA, SCAN, ScanPage
from kiosk.flow.scan.preview import CameraFeed
from kiosk.i18n import Msg

if TYPE_CHECKING:
    from kiosk.flow.host import FlowHost

log = logging.getLogger(__name__)
PAGES_KEY = "material_pages"
PDF_KEY = "materials_pdf"


def _build_pdf(pages: list) -> bytes:
    from kiosk.documents.pdf import build_pdf
    return build_pdf(pages)


class MaterialsStep:
    """Collects captured pages in the session; assembles the PDF on a worker thread."""

    def __init__(self, host: "FlowHost") -> None:
        self.host = host

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {si.ScanMaterials: self.scan_materials, si.FinishScan: self.finish_scan}

    def scan_materials(self, _: si.ScanMaterials) -> None:

        """Open the document camera for the guide's materials."""
        guide = self.host.state.page.guide
        session = self.host.session
        if session is None or not guide.scannable:
            return
        pages = len(session.get(PAGES_KEY, []))
        camera = self.host.devices.get(DOCUMENT_CAMERA)
        self.host.show(SCAN, ScanPage(DOCUMENT_CAMERA, hint=Msg("scan.doc.hint"), pages=pages,
                                      feed=CameraFeed(camera)), remember=True)

    def finish_scan(self, _: si.FinishScan) -> None:

        """Assemble the pages into one PDF off the caller's thread."""
        page: ScanPage = self.host.state.page
        if page.device != DOCUMENT_CAMERA or page.busy or not page.pages:
            return
        session = self.host.session
        pages = list(session.get(PAGES_KEY, []))
        self.host.update(replace(page, busy=True, hint=Msg("scan.doc.assembling")))
        future = self.host.executor.submit(_build_pdf, pages)  # never on the UI thread
        future.add_done_callback(lambda f: self._pdf_done(f, session))

    def _pdf_done(self, future: Future, session: Any) -> None:
        with self.host.lock:
            state = self.host.state
            if session is not self.host.session or state.screen != SCAN:
                return  # the resident left (or timed out) meanwhile: drop the result
            try:
                pdf = future.result()
            except Exception as exc:
                log.error("PDF assembly failed: %s", type(exc).__name__)
                self.host.update(replace(state.page, busy=False, ok=False,
                                         result=(Msg("scan.doc.pdf_failed"),)))
                return
            session.put(PDF_KEY, bytearray(pdf))
            pages = len(session.get(PAGES_KEY, []))
            self.host.update(replace(state.page, busy=False, ok=True, hint=None, result=(
                Msg.of("scan.doc.pdf_ready", pages=pages, kb=round(len(pdf) / 1024)),
                Msg("scan.doc.kept_until_end"))))

    def camera_event(self, page: ScanPage, event: DeviceEvent) -> None:
        """An outline or a captured page from the document camera (host lock held)."""
        if event.kind == PAGE_DETECTED:
            from kiosk.documents.hints import hint_key  # pulls in OpenCV: not at start-up
            corners = event.data.get("corners")
            hint = str(event.data.get("hint", ""))
            new = replace(page, corners=None if corners is None else tuple(map(tuple, corners)))
            if not page.busy:
                new = replace(new, hint=Msg(hint_key(hint)) if hint else None)
            self.host.update(new)
        elif event.kind == PAGE_CAPTURED and self.host.session is not None and not page.busy:
            session = self.host.session
            pages = session.get(PAGES_KEY)
            if pages is None:
                pages = []
                session.put(PAGES_KEY, pages)
            pages.append(event.data["image"])
            self.host.update(replace(page, pages=len(pages), ok=None, result=()))
