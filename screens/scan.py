"""Scan screen: live preview of the QR or document camera, the hint, and what was read."""
from __future__ import annotations

from kivy.app import App
from kivy.uix.screenmanager import Screen

from kiosk.flow.scan import intents as si
from kiosk.flow.scan.pages import QR_CAMERA, ScanPage
from kiosk.flow.state import Chrome
from screens.widgets import say, send, tr


class ScanScreen(Screen):
    """One screen for both cameras; the page says which."""

    def on_leave(self, *_args) -> None:
        self.ids.preview.stop()

    def finish(self) -> None:

        """Assemble the photographed pages."""
        send(si.FinishScan())

    def render(self, page: ScanPage, chrome: Chrome) -> None:
        """Preview, hint, pages taken and the result, in the chrome's language."""
        preview = self.ids.preview
        preview.show(page.feed)
        preview.set_outline(page.corners)
        qr = page.device == QR_CAMERA
        self.ids.title.text = tr("scan.qr.title" if qr else "scan.doc.title")
        self.ids.hint.text = say(page.hint)
        self.ids.pages.text = "" if qr else tr("scan.doc.pages", n=page.pages)
        self.ids.result.text = "\n".join(say(m) for m in page.result)
        # dark enough for 7:1 on the background in elder mode; the words say ok / not ok too
        theme = App.get_running_app().theme
        self.ids.result.color = ((0.05, 0.33, 0.13, 1) if page.ok else theme.danger + (1,)) \
            if page.ok is not None else theme.ink + (1,)
        finish = self.ids.finish_button
        finish.text = tr("scan.doc.finish")
        finish.opacity = 0 if qr or not page.pages or page.busy else 1
        finish.size_hint_x = None if qr else 1
        finish.width = 0 if qr else finish.width
