"""Reusable widgets: big buttons, list rows, the idle overlay and the on-screen keyboard."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty, OptionProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.button import Button
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.label import Label
from kivy.uix.recycleview.views import RecycleDataViewBehavior

from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.i18n import Msg, render, t
from screens.overlay import DetachedWhileHidden
from screens.wrap_label import LineBreaking


def send(intent: it.Intent) -> None:
    """Hand an intent to the flow through the running app."""
    App.get_running_app().send(intent)


def tr(key: str, **params: object) -> str:
    """Translate a UI string in the language the app is rendering."""
    return t(key, App.get_running_app().language, **params)


def say(msg: Msg | None) -> str:
    """A message from the core as the resident reads it now ("" for None)."""
    return render(msg, App.get_running_app().language)


class BigButton(LineBreaking, Button):
    """A touch target at least 60 px in both directions, coloured by role; words never split."""

    role = OptionProperty("plain", options=["plain", "primary", "accent"])
    min_width = NumericProperty(60)


class EntryRow(RecycleDataViewBehavior, Button):
    """One service or bundle in a list; opens its guide."""

    code = StringProperty("")
    is_bundle = BooleanProperty(False)

    def on_release(self) -> None:
        send(bi.OpenBundle(self.code) if self.is_bundle else bi.OpenService(self.code))


class GroupRow(RecycleDataViewBehavior, Label):
    """A heading in a list (life event, theme, department)."""

    code = StringProperty("")
    is_bundle = BooleanProperty(False)


class IdleOverlay(DetachedWhileHidden, FloatLayout):
    """'Are you still there?' with one big button; shown while the idle warning runs."""

    shown = BooleanProperty(False)

    def on_touch_down(self, touch):  # swallow touches only while shown
        if not self.shown:
            return False
        return super().on_touch_down(touch) or True

    def extend(self) -> None:
        send(it.ExtendSession())

    def render(self, seconds_left: float | None) -> None:
        """Show the countdown, or hide."""
        self.shown = seconds_left is not None
        if self.shown:
            self.ids.idle_title.text = tr("idle.title")
            self.ids.idle_body.text = tr("idle.body", seconds=int(seconds_left or 0))
            self.ids.extend_button.text = tr("idle.extend")


class OnScreenKeyboard(BoxLayout):
    """Letters for pinyin, initials and English; no Chinese input method needed."""

    shown = BooleanProperty(False)
    ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")

    def __init__(self, **kwargs) -> None:
        super().__init__(orientation="vertical", spacing=6, **kwargs)
        self.query = ""
        self._rows: list[BoxLayout] = []
        for row in self.ROWS:
            line = BoxLayout(spacing=6)
            for ch in row:
                line.add_widget(self._key(ch, ch.upper()))
            self._rows.append(line)
        self._bottom = BoxLayout(spacing=6)
        self._space = self._key(" ", "")
        self._backspace = self._key("\b", "")
        self._hide = self._key("\x1b", "")
        for btn in (self._space, self._backspace, self._hide):
            self._bottom.add_widget(btn)
        self._rows.append(self._bottom)
        self.on_shown(self, self.shown)

    def on_shown(self, _instance, shown: bool) -> None:
        """Keys in the tree only while shown: hidden at opacity 0 they were still drawn each frame."""
        for line in self._rows:
            if shown and line.parent is None:
                self.add_widget(line)
            elif not shown and line.parent is self:
                self.remove_widget(line)

    def on_touch_down(self, touch):  # hidden, its keys still lie over the list's bottom edge
        return super().on_touch_down(touch) if self.shown else False

    def _key(self, value: str, label: str) -> BigButton:
        btn = BigButton(text=label, role="plain")
        btn.bind(on_release=lambda _b, v=value: self.press(v))
        btn.key_value = value
        return btn

    def press(self, value: str) -> None:
        """Apply one key: a letter, space, backspace or hide."""
        if value == "\x1b":
            self.shown = False
            return
        query = self.query[:-1] if value == "\b" else self.query + value
        send(bi.Search(query))

    def relabel(self) -> None:
        """Translate the labels of the special keys."""
        self._hide.text = tr("keyboard.hide")
        self._space.text = tr("keyboard.space")
        self._backspace.text = tr("keyboard.backspace")
