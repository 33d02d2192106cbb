"""Scan screen: live preview of the QR or document camera, the hint, and what was read."""
from __future__ import annotations

from kivy.uix.screenmanager import Screen

from kiosk.flow import intents as it
from kiosk.flow.view import ViewState
from screens.widgets import send, tr


class ScanScreen(Screen):
    """One screen for both cameras; the flow's ScanView says which."""

    def on_leave(self, *_args) -> None:
        self.ids.preview.stop()

    def back(self) -> None:
        send(it.Back())

    def finish(self) -> None:
        send(it.FinishScan())

    def render(self, state: ViewState) -> None:
        scan = state.scan
        if scan is None:
            return
        preview = self.ids.preview
        preview.device = scan.device
        preview.start()
        preview.set_outline(scan.corners)
        qr = scan.device == "qr_camera"
        self.ids.title.text = tr("scan.qr.title" if qr else "scan.doc.title")
        self.ids.hint.text = scan.hint
        self.ids.pages.text = "" if qr else tr("scan.doc.pages", n=scan.pages)
        self.ids.result.text = "\n".join(scan.result)
        self.ids.result.color = ((0.1, 0.45, 0.2, 1) if scan.ok else (0.7, 0.15, 0.12, 1)) \
            if scan.ok is not None else (0.1, 0.1, 0.1, 1)
        self.ids.back_button.text = tr("nav.back")
        self.ids.finish_button.text = tr("scan.doc.finish")
        self.ids.finish_button.opacity = 0 if qr or not scan.pages or scan.busy else 1
        self.ids.finish_button.size_hint_x = None if qr else 1
        self.ids.finish_button.width = 0 if qr else self.ids.finish_button.width
