"""Attract screen: touch to start, language switch, elder-mode switch."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty
from kivy.uix.screenmanager import Screen

from kiosk.flow import intents as it
from kiosk.flow.view import ViewState
from screens.widgets import send, tr


class AttractScreen(Screen):
    """What a passer-by sees."""

    language = StringProperty("zh")

    def start(self) -> None:
        send(it.Start())

    def scan_code(self) -> None:
        send(it.ScanCode())

    def set_language(self, lang: str) -> None:
        send(it.SetLanguage(lang))

    def toggle_elder(self) -> None:
        send(it.ToggleElderMode())

    def render(self, state: ViewState) -> None:
        """Fill in the branding in the current language."""
        app = App.get_running_app()
        branding = app.config_obj.profile.branding
        self.language = state.language
        self.ids.title.text = branding.title[state.language]
        self.ids.subtitle.text = branding.subtitle[state.language]
        self.ids.hours.text = app.opening_hours_line(state.language)
        if state.notice:
            self.ids.hours.text += "\n" + state.notice
        self.ids.elder_toggle.text = tr("elder.off" if state.elder_mode else "elder.on")
        self.ids.scan_button.text = tr("attract.scan")
