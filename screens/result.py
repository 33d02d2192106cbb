"""Printing and done screens."""
from __future__ import annotations

from kivy.uix.screenmanager import Screen

from kiosk.flow import intents as it
from kiosk.flow.view import ViewState
from screens.widgets import send, tr


class PrintingScreen(Screen):
    """Shown while the slip prints; the UI keeps running."""

    def render(self, state: ViewState) -> None:
        self.ids.message.text = state.printing.message if state.printing else tr("print.printing")


class DoneScreen(Screen):
    """Take your slip (or what went wrong), then finish."""

    def back(self) -> None:
        send(it.Back())

    def finish(self) -> None:
        send(it.Finish())

    def render(self, state: ViewState) -> None:
        failed = state.printing is not None and state.printing.state == "failed"
        self.ids.message.text = state.printing.message if state.printing else ""
        self.ids.hint.text = tr("done.failed_hint" if failed else "done.hint")
        self.ids.back_button.text = tr("nav.back_to_guide")
        self.ids.finish_button.text = tr("done.finish")
