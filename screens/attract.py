"""Attract screen: what a passer-by sees; touch to start, or scan a code."""
from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.uix.screenmanager import Screen

from kiosk.flow.browse import intents as bi
from kiosk.flow.scan import intents as si
from kiosk.flow.state import AttractPage, Chrome
from screens.widgets import say, send, tr


class AttractScreen(Screen):
    """Branding, the branch's hours, a notice for staff; language and elder mode are in the chrome."""

    def start(self) -> None:

        """Touch anywhere: start browsing."""
        send(bi.Start())

    def scan_code(self) -> None:

        """Scan a pickup, receipt or e-ID code."""
        send(si.ScanCode())

    def render(self, page: AttractPage, chrome: Chrome) -> None:
        """Fill in the branding in the chrome's language."""
        app = App.get_running_app()
        branding = app.config_obj.profile.branding
        lang = chrome.language
        self.ids.title.text = branding.title[lang]
        self.ids.subtitle.text = branding.subtitle[lang]
        hours = say(app.core.hours_line())
        if page.reminder is not None:  # e.g. the card left on the reader: asked first
            hours = say(page.reminder) + "\n" + hours
        self.ids.hours.text = hours + ("\n" + say(page.notice) if page.notice else "") + "".join(
            "\n" + say(line) for line in page.availability)
        self.ids.closed.text = say(app.core.branch_status())
        Clock.schedule_once(lambda _dt: self.fit_title(), 0)  # after the new text is laid out
        self.ids.scan_button.text = tr("attract.scan")

    def fit_title(self) -> None:
        """Shrink the title (never below the title size) until every line of the screen fits:
        a long title in elder mode (English: three lines) would push the hours off the box."""
        ids, theme = self.ids, App.get_running_app().theme
        box = ids.title.parent
        labels = (ids.title, ids.subtitle, ids.hours, ids.closed)
        room = box.height - box.padding[1] - box.padding[3] - box.spacing * (len(labels) - 1)
        size = theme.huge_px
        while True:
            ids.title.font_size = size
            for label in labels:
                label.texture_update()
            needed = sum(label.texture_size[1] for label in labels if label.text)
            if needed <= room or size <= theme.title_px:
                return
            size = max(theme.title_px, size - 4)
