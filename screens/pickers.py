"""The form's pickers: administrative division (province -> city -> county), date (year -> month -> day), choice.

Draws a kiosk.flow.apply.input_step.PickerPanel and sends input intents; it keeps no state.
"""
from __future__ import annotations

from pathlib import Path

from kivy.factory import Factory
from kivy.lang import Builder
from kivy.uix.boxlayout import BoxLayout

from kiosk.flow.apply import input_intents as ii
from screens.keypads import FormKey, load_rules
from screens.widgets import say, send, tr

Builder.load_file(str(Path(__file__).with_name("pickers.kv")))


class PickerPanelView(BoxLayout):
    """One level of the open picker: what it asks, the path so far, a page of options, paging."""

    def __init__(self, **kwargs) -> None:
        load_rules()
        super().__init__(**kwargs)

    def render(self, picker) -> None:
        """Rebuild from the PickerPanel."""
        self.clear_widgets()
        if picker is None:
            return
        title = say(picker.level) + (f"  {picker.path}" if picker.path else "")
        self.add_widget(Factory.BodyLabel(text=title))
        grid = Factory.PickerGrid()
        for value, label in picker.options:
            self._button(grid, label, ii.PickOption(value), "plain")
        self.add_widget(grid)
        row = Factory.KeyRow()
        if picker.has_previous:
            self._button(row, tr("input.candidates.previous"), ii.PagePicker(-1))
        if picker.has_next:
            self._button(row, tr("input.candidates.more"), ii.PagePicker(+1))
        self._button(row, tr("apply.input.picker.back"), ii.PickerBack())
        self._button(row, tr("apply.input.picker.close"), ii.ClosePicker())
        self.add_widget(row)

    @staticmethod
    def _button(box, text: str, intent, role: str = "plain") -> FormKey:
        button = FormKey(text=text, role=role)
        button.intent = intent
        button.bind(on_release=lambda *_: send(intent))
        box.add_widget(button)
        return button
