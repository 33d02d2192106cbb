"""Printing and done screens."""
from __future__ import annotations

from kivy.uix.screenmanager import Screen

from kiosk.flow import intents as it
from kiosk.flow.browse.pages import PrintPage
from kiosk.flow.state import Chrome
from screens.qr_code import QrCode  # noqa: F401  (used by layout.kv)
from screens.widgets import say, send, tr


class PrintingScreen(Screen):
    """Shown while the slip prints; the UI keeps running."""

    def render(self, page: PrintPage, chrome: Chrome) -> None:
        """The print's message."""
        self.ids.message.text = say(page.message)


class DoneScreen(Screen):
    """Take your slip (or what went wrong), then finish; Back in the chrome returns to the guide."""

    def finish(self) -> None:
        """Done: wipe the session."""
        send(it.Finish())

    def render(self, page: PrintPage, chrome: Chrome) -> None:
        """Outcome, what to do next, and the finish button."""
        failed = page.state == "failed"
        self.ids.message.text = say(page.message)
        self.ids.hint.text = tr("done.failed_hint" if failed else "done.hint")
        qr = self.ids.qr
        qr.data = page.url if failed else ""
        # a fixed size, large enough for a phone camera at arm's length
        qr.height = min(self.width * 0.55, 520) if qr.data else 0
        self.ids.finish_button.text = tr("done.finish")
