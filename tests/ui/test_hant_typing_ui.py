"""zh-Hant in the real Kivy window: the form's pinyin candidate bar shows Traditional characters and
the chosen one is typed as shown; against the real reference platform process."""
from __future__ import annotations

import pytest

from kiosk.i18n_convert import convert
from tests.ui.test_apply import button, with_platform  # noqa: F401  (fixture)
from tests.ui.test_form_input import field, keys, open_form, row_button
from testkit.ui_harness import texts

pytestmark = pytest.mark.platform


def test_candidates_in_traditional_on_the_zh_hant_screen(with_platform):
    ui = with_platform
    form = open_form(ui, "HRSS-003", "zh-Hant")
    labels = {r.id: r.label for r in ui.app.flow.state.page.fields}
    ui.tap(row_button(form, labels["employer_name"]))
    ui.wait_for(lambda: ui.app.flow.state.page.input.field_id == "employer_name", "focus moved")
    keys(ui, form, "shehui")
    ui.wait_for(lambda: ui.app.flow.state.page.input.candidates, "candidates")
    shown = ui.app.flow.state.page.input.candidates
    assert "社會" in shown and "社会" not in shown, shown
    assert all(c == convert(c, "s2tw") for c in shown)  # every one already Traditional
    drawn = texts(form)
    assert "社會" in drawn
    ui.screenshot("form-input-zh-Hant-candidates")
    ui.tap(button(form, "社會"))
    ui.wait_for(lambda: field(ui, "employer_name").text == "社會", "typed as shown")
