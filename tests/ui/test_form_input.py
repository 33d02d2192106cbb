"""Touch input on the apply form in the real Kivy window: pinyin with the candidate bar, the date and
division pickers, inline messages, nothing lost on Back; against the real reference platform process."""
from __future__ import annotations

import pytest

from drivers.card_reader.base import IdentityRecord
from kiosk.i18n import t
from tests.ui.apply_steps import open_form
from tests.ui.test_apply import WANG, button, with_platform  # noqa: F401  (fixture)
from testkit.ui_harness import texts, walk

pytestmark = pytest.mark.platform


def row_button(form, label: str):
    """The form row of a field, by its label."""
    return next(w for w in walk(form) if getattr(w, "spoken_label", None) == label)


def field(ui, field_id: str):
    return next(r for r in ui.app.flow.state.page.fields if r.id == field_id)


def keys(ui, form, letters: str) -> None:
    for ch in letters:
        ui.tap(button(form, ch))


def test_pinyin_candidates_and_date_picker_by_touch(with_platform):
    ui = with_platform
    form = open_form(ui, "HRSS-003")
    labels = {r.id: r.label for r in ui.app.flow.state.page.fields}
    ui.tap(row_button(form, labels["employer_name"]))
    ui.wait_for(lambda: ui.app.flow.state.page.input.field_id == "employer_name", "focus moved")
    keys(ui, form, "renmin")
    ui.wait_for(lambda: "renmin" in " ".join(texts(form)), "composition shown")
    first = ui.app.flow.state.page.input.candidates
    assert first[0] in texts(form)  # the candidate bar shows the engine's candidates
    ui.tap(button(form, t("input.candidates.more", "zh")))
    ui.wait_for(lambda: ui.app.flow.state.page.input.candidate_page == 1, "second page")
    second = ui.app.flow.state.page.input.candidates
    assert second[0] in texts(form) and first[0] not in texts(form)
    ui.screenshot("form-input-zh-01-candidates")
    ui.tap(button(form, t("input.candidates.previous", "zh")))
    ui.wait_for(lambda: ui.app.flow.state.page.input.candidate_page == 0, "first page again")
    ui.tap(button(form, first[0]))
    ui.wait_for(lambda: field(ui, "employer_name").text == first[0], "candidate in the field")
    assert any(first[0] in x for x in texts(form))

    ui.tap(row_button(form, labels["unemployment_date"]))
    ui.wait_for(lambda: ui.app.flow.state.page.input.field_id == "unemployment_date", "date focus")
    keys(ui, form, "2026-02-30")  # typed on the date keypad: the message shows under the field
    message = t("input.error.date.not_real", "zh")
    ui.wait_for(lambda: any(message in x for x in texts(form)), "inline message")
    ui.screenshot("form-input-zh-02-inline-message")
    ui.tap(button(form, t("keypad.clear", "zh")))
    ui.tap(button(form, t("apply.input.open.date", "zh")))
    ui.wait_for(lambda: ui.app.flow.state.page.input.picker is not None, "date picker")
    year = ui.app.flow.state.page.input.picker.options[0][1]
    ui.tap(button(form, year))
    ui.wait_for(lambda: ui.app.flow.state.page.input.picker.path == year, "year picked")
    ui.screenshot("form-input-zh-03-date-picker")
    ui.tap(button(form, "1"))
    ui.tap(button(form, "1"))
    ui.wait_for(lambda: field(ui, "unemployment_date").text == f"{year}-01-01", "date picked")
    assert field(ui, "unemployment_date").error is None

    ui.tap(ui.chrome.back_button)  # Back, then the card again: everything typed is still there
    ui.wait_screen("apply_identify")
    ui.app.core.devices.card_reader.place_card(IdentityRecord("resident_id", WANG["name"], WANG["id"],
                                                              sex="女", birth_date="2000-02-29"))
    ui.tap(button(ui.screen("apply_identify"), t("apply.read_card", "zh")))
    ui.wait_for(lambda: ui.app.flow.state.screen == "apply_form", "the form again", limit_s=20)
    assert field(ui, "employer_name").text == first[0]
    assert field(ui, "unemployment_date").text == f"{year}-01-01"


def test_division_picker_by_touch_in_english(with_platform):
    ui = with_platform
    form = open_form(ui, "AMR-001", "en")  # its business address is not in the shared data
    rows = [r for r in ui.app.flow.state.page.fields if not r.locked and r.id.endswith("address")]
    target = rows[0]
    ui.tap(row_button(form, target.label))
    ui.wait_for(lambda: ui.app.flow.state.page.input.field_id == target.id, "address focus")
    assert target.text == ""
    ui.tap(button(form, t("apply.input.open.division", "en")))
    ui.wait_for(lambda: ui.app.flow.state.page.input.picker is not None, "division picker")
    assert t("apply.input.picker.province", "en") in " ".join(texts(form))
    ui.tap(button(form, "北京市"))
    ui.wait_for(lambda: ui.app.flow.state.page.input.picker.path == "北京市", "province picked")
    ui.tap(button(form, "朝阳区"))
    ui.wait_for(lambda: field(ui, target.id).text == "北京市朝阳区", "region in the field")
    keys(ui, form, "jianguolu")
    ui.wait_for(lambda: ui.app.flow.state.page.input.candidates, "candidates")
    best = ui.app.flow.state.page.input.candidates[0]
    ui.tap(button(form, t("keypad.space", "en")))
    ui.wait_for(lambda: field(ui, target.id).text == "北京市朝阳区" + best, "street typed")
    ui.screenshot("form-input-en-01-address")


def test_elder_mode_form_keeps_the_fields_in_view_above_the_keypad(with_platform):
    from kiosk.flow.intents import ToggleElderMode
    ui = with_platform
    form = open_form(ui, "HRSS-001")
    ui.app.send(ToggleElderMode())
    ui.wait_for(lambda: ui.app.rendered.elder_mode, "elder mode")
    keys(ui, form, "ni")
    ui.wait_for(lambda: ui.app.flow.state.page.input.candidates, "candidates")
    ui.pump(3)
    ui.screenshot("form-input-zh-elder-keypad")
    theme = ui.app.theme
    keys_shown = [w for w in walk(form.ids.keypad) if getattr(w, "intent", None) is not None]
    assert keys_shown and all(k.height >= 60 and k.width >= 60 for k in keys_shown)
    assert form.ids.scroller.height >= theme.button_h  # at least one whole field row still shows
    ui.app.send(ToggleElderMode())
