"""Camera screens of the flow: reading the kiosk's own QR codes and photographing materials."""
from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from drivers.base import DeviceEvent, DeviceState
from drivers.document_camera.base import PAGE_CAPTURED, PAGE_DETECTED
from drivers.qr_camera.base import CODE_SCANNED
from kiosk import codes
from kiosk.flow import intents as it
from kiosk.flow.view import ScanView, Screen, ViewState

log = logging.getLogger(__name__)
_CAMERA_DOWN = (DeviceState.NO_DEVICE, DeviceState.HARDWARE_ERROR, DeviceState.POWER_OFF)
PAGES_KEY = "material_pages"
PDF_KEY = "materials_pdf"


class ScanningMixin:
    """Handlers for ScanCode / ScanMaterials / FinishScan and the cameras' events.

    Mixed into BrowseFlow: uses its lock, state, session, translator and devices.
    """

    _pdf_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf")

    # --- intents ----------------------------------------------------------------------------
    def _on_ScanCode(self, _: it.ScanCode) -> None:
        if self._state.screen == Screen.ATTRACT:
            self._begin_session()
        camera = self.devices.get("qr_camera")
        if camera.status().state not in _CAMERA_DOWN:  # a camera still opening is given its chance
            camera.set_scanning(True)
            scan = self._say(ScanView("qr_camera", hint_source=("ui", "scan.qr.hint")))
        else:  # say so at once rather than show a dead preview
            scan = self._say(ScanView("qr_camera", ok=False, hint_source=("ui", "scan.camera_off")))
        self._set(replace(self._state, screen=Screen.SCAN, scan=scan), remember=True)

    def _on_ScanMaterials(self, _: it.ScanMaterials) -> None:
        guide = self._state.guide
        if self._state.screen != Screen.GUIDE or self.session is None or not guide.scannable:
            return
        pages = len(self.session.get(PAGES_KEY, []))
        scan = self._say(ScanView("document_camera", pages=pages,
                                  hint_source=("ui", "scan.doc.hint")))
        self._set(replace(self._state, screen=Screen.SCAN, scan=scan), remember=True)

    def _on_FinishScan(self, _: it.FinishScan) -> None:
        scan = self._state.scan
        if scan is None or scan.device != "document_camera" or scan.busy or not scan.pages:
            return
        pages = list(self.session.get(PAGES_KEY, []))
        self._set(replace(self._state, scan=self._say(replace(
            scan, busy=True, hint_source=("ui", "scan.doc.assembling")))))
        future = self._pdf_pool.submit(_build_pdf, pages)  # never on the UI thread
        session = self.session
        future.add_done_callback(lambda f: self._pdf_done(f, session))

    def _pdf_done(self, future: Future, session: Any) -> None:
        with self._lock:
            if session is not self.session or self._state.scan is None:
                return  # the resident left (or timed out) meanwhile: drop the result
            try:
                pdf = future.result()
            except Exception as exc:
                log.error("PDF assembly failed: %s", type(exc).__name__)
                self._set(replace(self._state, scan=self._say(replace(
                    self._state.scan, busy=False, ok=False, result_source=("pdf_failed",)))))
                return
            session.put(PDF_KEY, bytearray(pdf))
            pages = len(session.get(PAGES_KEY, []))
            self._set(replace(self._state, scan=self._say(replace(
                self._state.scan, busy=False, ok=True, hint_source=(),
                result_source=("pdf", pages, round(len(pdf) / 1024))))))

    # --- camera events ----------------------------------------------------------------------
    def _scan_event(self, event: DeviceEvent) -> None:
        """Route a camera event into the scan view (called under the flow lock)."""
        scan = self._state.scan
        if self._state.screen != Screen.SCAN or scan is None or event.device != scan.device:
            return
        if event.kind == CODE_SCANNED:
            self._code_read(scan, str(event.data.get("text", "")))
        elif event.kind == PAGE_DETECTED:
            corners = event.data.get("corners")
            hint = str(event.data.get("hint", ""))
            new = replace(scan, corners=None if corners is None else tuple(map(tuple, corners)))
            if not scan.busy:
                new = self._say(replace(new, hint_source=("doc", hint) if hint else ()))
            if new != scan:
                self._set(replace(self._state, scan=new))
        elif event.kind == PAGE_CAPTURED and self.session is not None and not scan.busy:
            pages = self.session.get(PAGES_KEY)
            if pages is None:
                pages = []
                self.session.put(PAGES_KEY, pages)
            pages.append(event.data["image"])
            self._set(replace(self._state, scan=self._say(replace(
                scan, pages=len(pages), ok=None, result_source=()))))

    def _say(self, scan: ScanView, lang: str | None = None) -> ScanView:
        """Fill hint and result texts in lang from their sources."""
        from kiosk.documents.hints import hint_text
        lang = lang or self._state.language
        hint = ""
        if scan.hint_source:
            kind, value = scan.hint_source
            hint = self.tr.t(value, lang) if kind == "ui" else hint_text(self.tr, value, lang)
        src, t = scan.result_source, self.tr.t
        result: tuple[str, ...] = ()
        if src and src[0] == "code":
            result = self._describe(src[1], lang)
        elif src and src[0] == "error":
            result = (codes.CodeError(src[1]).message(lang, self.tr),)
        elif src and src[0] == "pdf":
            result = (t("scan.doc.pdf_ready", lang, pages=src[1], kb=src[2]),
                      t("scan.doc.kept_until_end", lang))
        elif src and src[0] == "pdf_failed":
            result = (t("scan.doc.pdf_failed", lang),)
        return replace(scan, hint=hint, result=result)

    def _code_read(self, scan: ScanView, text: str) -> None:
        try:
            payload = codes.parse(text)
        except codes.CodeError as exc:
            log.info("scanned code refused: %s", exc.code)
            self._set(replace(self._state, scan=self._say(replace(
                scan, ok=False, result_source=("error", exc.code)))))
            return
        self._set(replace(self._state, scan=self._say(replace(
            scan, ok=True, result_source=("code", payload)))))

    def _describe(self, payload: Any, lang: str) -> tuple[str, ...]:
        t = lambda key, **kw: self.tr.t(key, lang, **kw)  # noqa: E731
        if payload.kind == "pickup":
            until = dt.datetime.fromtimestamp(payload.expires_at).strftime("%Y-%m-%d %H:%M")
            return (t("scan.code.pickup", id=payload.pickup_id, until=until),
                    t("scan.code.needs_platform"))
        if payload.kind == "receipt":
            return (t("scan.code.receipt", no=payload.receipt_no), t("scan.code.needs_platform"))
        return (t("scan.code.eid"), t("scan.code.needs_platform"))

    def _leave_scan(self, old: ViewState, new: ViewState) -> None:
        """Stop decoding when the QR screen closes."""
        if old.screen == Screen.SCAN and new.screen != Screen.SCAN and old.scan is not None \
                and old.scan.device == "qr_camera":
            self.devices.get("qr_camera").set_scanning(False)

    def preview_frame(self, device_class: str) -> Any:
        """The newest frame of a camera for the preview (never blocks), or None."""
        device = self.devices.get(device_class)
        latest = getattr(device, "latest_frame", None)
        return latest() if latest is not None else None


def _build_pdf(pages: list) -> bytes:
    from kiosk.documents.pdf import build_pdf
    return build_pdf(pages)
