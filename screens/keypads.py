"""The form's touch keypad: the composition line, the pinyin candidate bar with paging, picker buttons, keys.

Draws a kiosk.flow.apply.input_step.InputPanel and sends input intents; it keeps no state of its own.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kivy.app import App
from kivy.factory import Factory
from kivy.lang import Builder
from kivy.uix.boxlayout import BoxLayout

from kiosk.flow.apply import input_intents as ii
from kiosk.input.keypads import Key, keypad_for
from screens.widgets import BigButton, say, send, tr

Builder.load_file(str(Path(__file__).with_name("keypads.kv")))
MIN_KEY_PX = 90


FONT_FILE = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSansSC-Kiosk.otf"


class KeyButton(BigButton):
    """One key of the keypad (at least 60 px square)."""


@lru_cache(maxsize=1)
def _font_chars() -> frozenset[int]:
    from fontTools.ttLib import TTFont  # reads only the cmap table of the kiosk's subset font

    return frozenset(TTFont(str(FONT_FILE), lazy=True).getBestCmap())


def font_covers(text: str) -> bool:
    """True when the kiosk's font can draw every character of text (candidates are filtered by it)."""
    chars = _font_chars()
    return all(ord(ch) in chars for ch in text)


def key_label(key: Key) -> str:
    """What a key shows: its character, or the translated name of its action."""
    if key.action == "insert":
        return key.value
    if key.action == "switch":
        return tr(f"keypad.switch.{key.value}") if key.value in ("latin", "pinyin") else key.value
    return tr(f"keypad.{key.action}")


class KeypadPanel(BoxLayout):
    """The focused field's keypad: composition, candidates, pickers and keys."""

    def render(self, panel, field_label: str) -> None:
        """Rebuild from the InputPanel (a few dozen buttons: cheap)."""
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
        for keys in keypad_for(panel.keypad).rows:
            row = Factory.KeyRow()
            for key in keys:
                self._button(row, key_label(key), ii.PressKey(key.value, key.action),
                             "primary" if key.action == "done" else "plain")
            self.add_widget(row)

    def _candidate_bar(self, panel):
        bar = Factory.CandidateBar()
        if panel.has_previous:
            self._sized(bar, tr("input.candidates.previous"), ii.PageCandidates(-1))
        for index, text in enumerate(panel.candidates):
            self._sized(bar, text, ii.ChooseCandidate(index), "accent" if index == 0 else "plain")
        if panel.has_next:
            self._sized(bar, tr("input.candidates.more"), ii.PageCandidates(+1))
        return bar

    def _sized(self, bar, text: str, intent, role: str = "plain") -> KeyButton:
        """A button as wide as its text (a word never breaks), at least 60 px."""
        button = self._button(bar, text, intent, role)
        theme = App.get_running_app().theme
        button.size_hint_x = None
        button.width = max(MIN_KEY_PX, len(text) * theme.body_px * 1.15 + theme.spacing * 2.5)
        return button

    @staticmethod
    def _button(row, text: str, intent, role: str = "plain") -> KeyButton:
        button = KeyButton(text=text, role=role)
        button.intent = intent  # tests and the keypad navigation read what a key does
        button.bind(on_release=lambda *_: send(intent))
        row.add_widget(button)
        return button
