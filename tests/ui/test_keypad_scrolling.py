"""Keypad only, in the real Kivy window: the focus walks past the fold of the catalog list (rows the
RecycleView had not drawn) and down the apply form, and every focused control is scrolled fully
into view and spoken."""
from __future__ import annotations

from drivers.card_reader.base import IdentityRecord
from kiosk.flow import intents as it
from kiosk.i18n import t
from screens import keypad_lists
from screens.keypad_nav import label_of
from tests.ui.test_apply import WANG, with_platform  # noqa: F401  (fixture)
from tests.ui.test_keypad_navigation import keypad, move_to, press, said, wait_focus_spoken  # noqa: F401


def window_box(widget) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of widget in window coordinates."""
    x0, y0 = widget.to_window(widget.x, widget.y)
    x1, y1 = widget.to_window(widget.right, widget.top)
    return x0, y0, x1, y1


def shows_whole(widget, area) -> bool:
    """widget lies inside area's rectangle on the window (1 px of rounding allowed)."""
    _, wb, _, wt = window_box(widget)
    _, ab, _, at = window_box(area)
    return wb >= ab - 1 and wt <= at + 1


def test_focus_scrolls_the_catalog_past_the_fold(keypad):
    ui = keypad
    app = ui.app
    nav = app.keypad_nav
    press(ui, "5")
    wait_focus_spoken(ui, t("nav.start", "zh"))
    press(ui, "5")
    ui.wait_screen("catalog")
    rv = ui.screen("catalog").ids.entries
    ui.pump(3)
    rows = [i for i, d in enumerate(rv.data) if d.get("viewclass") == "EntryRow"]
    drawn = set(rv.view_adapter.views)
    beyond = [i for i in rows if i > max(drawn)]
    assert len(beyond) >= 3, f"the catalog fits on screen: nothing to scroll ({len(rows)} rows)"
    first = keypad_lists.drawn_row(rv, rows[0])
    move_to(ui, label_of(first))
    assert rv.scroll_y > 0.999  # at the top
    # down the list, row by row in the data's order, to three rows that were not drawn at the start
    for index in rows[1:rows.index(beyond[2]) + 1]:
        press(ui, "2")
        focused = nav.focused
        assert keypad_lists.row_index(rv, focused) == index, (index, label_of(focused))
        assert rv.data[index]["code"] == focused.code
        assert shows_whole(focused, rv), f"row {index} focused but not shown whole"
        key, text = said(ui)
        assert key == "nav.focus" and label_of(focused) in text, (key, text)
    assert rv.scroll_y < 0.999
    ui.screenshot("keypad-zh-04-catalog-below-fold")
    # and back up to the first row: the list scrolls back to the top
    for index in reversed(rows[:rows.index(beyond[2])]):
        press(ui, "8")
        focused = nav.focused
        assert keypad_lists.row_index(rv, focused) == index
        assert shows_whole(focused, rv)
        assert said(ui)[0] == "nav.focus" and label_of(focused) in said(ui)[1]
    press(ui, "5")  # the focused row is the control a touch would use
    ui.wait_screen("guide")
    assert app.flow.state.page.guide.code == rv.data[rows[0]]["code"]


def test_focus_scrolls_the_form_to_each_field(keypad):
    ui = keypad
    app = ui.app
    press(ui, "enter")
    wait_focus_spoken(ui, t("nav.start", "zh"))
    press(ui, "enter")
    ui.wait_screen("catalog")
    from kiosk.flow.browse import intents as bi
    app.send(bi.OpenService("AMR-001"))  # a business address and more to type
    ui.wait_screen("guide")
    move_to(ui, t("apply.button", "zh"))
    press(ui, "5")
    ui.wait_screen("apply_identify")
    card = app.core.devices.card_reader
    card.place_card(IdentityRecord("resident_id", WANG["name"], WANG["id"], sex="女",
                                   birth_date="2000-02-29"))
    move_to(ui, t("apply.read_card", "zh"))
    press(ui, "5")
    ui.wait_for(lambda: app.flow.state.screen == "apply_form", "the form", limit_s=20)
    card.remove_card()
    ui.wait_for(lambda: app.flow.state.page.notice is None, "card taken")
    app.send(it.ToggleElderMode())  # large type: the form's fields do not all fit (reset by the fixture)
    ui.wait_screen("apply_form")
    screen = ui.screen("apply_form")
    scroller = screen.ids.scroller
    labels = [r.label for r in app.flow.state.page.fields if not r.locked]
    move_to(ui, labels[0])
    press(ui, "5")  # type into the first field: the keypad opens and takes its room
    ui.wait_for(lambda: app.flow.state.page.input is not None
                and app.flow.state.page.input.field_id is not None, "a field typed into")
    ui.pump(3)

    def field(label):
        return next(w for w in screen.ids.body.children if getattr(w, "spoken_label", "") == label)

    hidden = [label for label in labels if not shows_whole(field(label), scroller)]
    assert hidden, "every field shows at once: nothing to scroll"
    for label in labels[1:] + labels[:1]:
        move_to(ui, label)  # 2/8 then 4/6, each focus spoken (checked by move_to)
        assert shows_whole(app.keypad_nav.focused, scroller), f"field {label!r} focused but not shown"
    # the field being typed into stays in view when the screen is rebuilt for it
    move_to(ui, labels[-1])
    press(ui, "5")
    ui.wait_for(lambda: app.flow.state.page.input.field_id is not None and
                next(r.label for r in app.flow.state.page.fields
                     if r.id == app.flow.state.page.input.field_id) == labels[-1], "last field typed into")
    ui.pump(3)
    assert shows_whole(field(labels[-1]), scroller), "the field typed into is out of view"
    ui.screenshot("keypad-zh-05-form-last-field")
