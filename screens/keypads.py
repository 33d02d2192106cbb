"""The form's touch keypad: the composition line, the pinyin candidate bar with paging, picker buttons, keys.

Draws a kiosk.flow.apply.input_step.InputPanel and sends input intents; it keeps no state of its own.
"""
from __future__ import annotations

from pathlib import Path

from kivy.app import App
from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import OptionProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.button import Button

from kiosk.flow.apply import input_intents as ii
from kiosk.input.keypads import Key, keypad_for
from screens.widgets import say, send, tr
from screens.wrap_label import LineBreaking

MIN_KEY_PX = 90
_RULES = Path(__file__).with_name("keypads.kv")


def load_rules() -> None:
    """Load keypads.kv once, after layout.kv (KioskApp.build): FormKey's height overrides BigButton's."""
    if str(_RULES) not in Builder.files:
        Builder.load_file(str(_RULES))


class FormKey(LineBreaking, Button):
    """One key of the keypad or picker: at least 64 px high and 60 px wide, coloured by role."""

    role = OptionProperty("plain", options=["plain", "primary", "accent"])


def key_label(key: Key) -> str:
    """What a key shows: its character, or the translated name of its action."""
    if key.action == "insert":
        return key.value
    if key.action == "switch":
        return tr(f"keypad.switch.{key.value}") if key.value in ("latin", "pinyin") else key.value
    return tr(f"keypad.{key.action}")


class KeypadPanel(BoxLayout):
    """The focused field's keypad: composition, candidates, pickers and keys."""

    def __init__(self, **kwargs) -> None:
        load_rules()
        super().__init__(**kwargs)

    def render(self, panel, field_label: str) -> None:
        """Rebuild the bar, pickers and status from the InputPanel; the keys are reused."""
        self.clear_widgets()
        if panel is None:
            return
        status = tr("apply.input.typing", field=field_label)
        if panel.preedit:
            status += f"  {panel.preedit}"
        self.add_widget(Factory.BodyLabel(text=status))
        if panel.message is not None:
            self.add_widget(Factory.BodyLabel(text=say(panel.message)))
        if panel.candidates:
            self.add_widget(self._candidate_bar(panel))
        if panel.pickers:
            row = Factory.KeyRow()
            for kind in panel.pickers:
                self._button(row, tr(f"apply.input.open.{kind}"), ii.OpenPicker(kind), "primary")
            self.add_widget(row)
        self.add_widget(self._keys(panel.keypad))

    def _keys(self, layout: str) -> BoxLayout:
        """The rows of keys, built once per layout and language (typing re-renders only the bar)."""
        wanted = (layout, App.get_running_app().language)
        if getattr(self, "_keys_for", None) != wanted:
            box = BoxLayout(orientation="vertical", size_hint_y=None, spacing=4)
            box.bind(minimum_height=box.setter("height"))
            for keys in keypad_for(layout).rows:
                row = Factory.KeyRow()
                for key in keys:
                    button = self._button(row, key_label(key), ii.PressKey(key.value, key.action),
                                          "primary" if key.action == "done" else "plain")
                    if key.action != "insert" and len(keys) > 4:
                        button.size_hint_x = 1.6  # "Delete" must not break on a letter row
                box.add_widget(row)
            self._keys_box, self._keys_for = box, wanted
        if self._keys_box.parent is not None:
            self._keys_box.parent.remove_widget(self._keys_box)
        return self._keys_box

    def _candidate_bar(self, panel):
        bar = Factory.CandidateBar()
        if panel.has_previous:
            self._sized(bar, tr("input.candidates.previous"), ii.PageCandidates(-1))
        for index, text in enumerate(panel.candidates):
            button = self._sized(bar, text, ii.ChooseCandidate(index), "accent" if index == 0 else "plain")
            button.spoken_personal = True  # part of a name or address: heard, never written to a log
        if panel.has_next:
            self._sized(bar, tr("input.candidates.more"), ii.PageCandidates(+1))
        return bar

    def _sized(self, bar, text: str, intent, role: str = "plain") -> FormKey:
        """A button as wide as its text (a word never breaks), at least 60 px."""
        button = self._button(bar, text, intent, role)
        theme = App.get_running_app().theme
        button.size_hint_x = None
        button.width = max(MIN_KEY_PX, len(text) * theme.body_px * 1.15 + theme.spacing * 2.5)
        return button

    @staticmethod
    def _button(row, text: str, intent, role: str = "plain") -> FormKey:
        button = FormKey(text=text, role=role)
        button.intent = intent  # tests and the keypad navigation read what a key does
        button.bind(on_release=lambda *_: send(intent))
        row.add_widget(button)
        return button
