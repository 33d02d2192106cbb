"""The chrome on every screen: Back, Home, language, elder mode, low reach and Help, plus the help panel."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout

from kiosk.flow import intents as it
from kiosk.flow.state import Chrome
from kiosk.i18n import Localized, Msg
from kiosk.languages import language, next_language
from screens.fonts import font_file
from screens.overlay import DetachedWhileHidden
from screens.widgets import say, send, tr
from screens.wrap_label import SAFETY, char_width


class ChromeBar(BoxLayout):
    """One bar for all screens; Back and Home show only inside a session."""

    in_session = BooleanProperty(False)
    can_go_back = BooleanProperty(False)

    BUTTONS = ("back_button", "home_button", "lang_button", "elder_button", "reach_button",
               "voice_button", "help_button")

    def on_kv_post(self, base_widget) -> None:
        for name in self.BUTTONS:
            self.ids[name].bind(width=lambda *_a: self._fit_words())

    def _fit_words(self) -> None:
        """Seven buttons share the bar: in elder mode "Standard" or "繁體中文" would break in the
        middle. Each button gets a smaller font (down to 3/4 of the chrome's) rather than a word
        (a language's whole name) broken in two."""
        theme = App.get_running_app().theme
        size = theme.small_px
        for name in self.BUTTONS:
            button = self.ids[name]
            room = (button.width - theme.spacing * 0.5) * SAFETY * 0.98
            text = getattr(button, "source_text", "") or button.text
            words = [text] if name == "lang_button" else text.split()
            wide = max((sum(char_width(button.font_name, size, button.bold, ch) for ch in word)
                        for word in words), default=0)
            # Chinese keeps the chrome's size (>= 32 px in elder mode) and breaks in two ("标准/位置":
            # a smaller font would fit three characters and leave one alone); only a word that
            # cannot break (a Latin word, a language's own name) shrinks, to 3/4 at the least
            floor = size * 0.75 if name == "lang_button" or text.isascii() else size
            button.font_size = size if wide <= room or room <= 0 else max(floor, size * room / wide)

    def on_touch_down(self, touch):
        """Back and Home hide (opacity 0) outside a session or with nowhere to go back to; a
        hidden one catches no touch. Not `disabled`: that changes the text colour, and Kivy
        renders the label's texture again, on every screen change (issue 8, tap latency)."""
        for name, shown in (("back_button", self.can_go_back), ("home_button", self.in_session)):
            if not shown and self.ids[name].collide_point(*touch.pos):
                return False
        return super().on_touch_down(touch)

    def back(self) -> None:

        """Back one screen."""
        send(it.Back())

    def home(self) -> None:

        """The catalog's start."""
        send(it.Home())

    def toggle_language(self) -> None:

        """The next language of assets/i18n/languages.json (中文 -> English -> 繁體中文 -> 中文)."""
        send(it.SetLanguage(next_language(App.get_running_app().language)))

    def toggle_elder(self) -> None:

        """Elder mode on or off."""
        send(it.ToggleElderMode())

    def toggle_low_reach(self) -> None:

        """Every control into the lower part of the screen, or back (ADA 707 reach)."""
        send(it.ToggleLowReach())

    def open_help(self) -> None:

        """Open the help panel (calls staff)."""
        send(it.OpenHelp())

    def render(self, chrome: Chrome, branch: Localized) -> None:
        """Labels in the chrome's language; device alerts on a line under the buttons."""
        self.in_session = chrome.in_session
        self.can_go_back = chrome.can_go_back
        ids = self.ids
        ids.brand.text = say(branch)
        ids.back_button.text = tr("nav.back")
        ids.home_button.text = tr("nav.home")
        following = next_language(chrome.language)
        ids.lang_button.font_name = font_file(following)  # its name in itself, in its own font
        ids.lang_button.text = language(following).name
        ids.elder_button.text = tr("elder.off" if chrome.elder_mode else "elder.on")
        ids.reach_button.text = tr("reach.off" if chrome.low_reach else "reach.on")
        ids.voice_button.text = tr("voice.button")
        ids.help_button.text = tr("chrome.help")
        ids.voice.relabel()
        ids.alerts.text = "  ·  ".join(say(a) for a in chrome.alerts)
        self._fit_words()


class HelpPanel(DetachedWhileHidden, FloatLayout):
    """Where to find a person, the 12345 hotline, and that staff have been called."""

    shown = BooleanProperty(False)

    def on_touch_down(self, touch):  # swallow touches only while shown
        if not self.shown:
            return False
        return super().on_touch_down(touch) or True

    def close(self) -> None:

        """Close the help panel."""
        send(it.CloseHelp())

    def render(self, chrome: Chrome, help_point: Localized) -> None:
        """Show or hide; the texts follow the chrome's language."""
        self.shown = chrome.help_open
        if self.shown:
            ids = self.ids
            ids.help_title.text = tr("help.title")
            ids.help_called.text = tr("help.staff_called")
            ids.help_point.text = say(Msg.of("help.point", place=help_point))
            ids.help_hotline.text = tr("help.hotline")
            ids.close_button.text = tr("help.close")
