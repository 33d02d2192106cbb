"""Low reach on the apply form (issue 13.3): with the keypad open, every field shows above it (as
text in the upper, text-only part: the rows below have no room beside the keypad), the one typed
into marked; every control stays in the lower 55 % (real Kivy window, real platform)."""
from __future__ import annotations

import pytest

from kiosk.flow import intents as it
from kivy.core.window import Window

from screens.selection import MARK
from tests.ui.audit import REACH_TOP, controls, out_of_reach
from tests.ui.test_apply import with_platform  # noqa: F401  (fixture)
from kiosk.flow.apply import input_intents as ii
from tests.ui.test_form_input import open_form

pytestmark = pytest.mark.platform


def rows_shown(form) -> list[str]:
    """Labels of the form's field rows drawn whole inside the scroll area."""
    scroller = form.ids.scroller
    _, bottom = scroller.to_window(scroller.x, scroller.y)
    _, top = scroller.to_window(scroller.x, scroller.top)
    shown = []
    for row in form.ids.body.children:
        if getattr(row, "spoken_label", ""):
            _, y0 = row.to_window(row.x, row.y)
            _, y1 = row.to_window(row.x, row.top)
            if y0 >= bottom - 1 and y1 <= top + 1:
                shown.append(row.spoken_label)
    return shown


@pytest.mark.parametrize("elder", [False, True])
def test_low_reach_form_shows_two_fields_above_the_keypad(with_platform, elder):
    ui = with_platform
    app = ui.app
    form = open_form(ui, "AMR-001")
    app.send(it.ToggleLowReach())  # the fixture turns it (and elder mode) off again
    if elder:
        app.send(it.ToggleElderMode())
    ui.wait_for(lambda: app.rendered.chrome.low_reach and app.rendered.elder_mode == elder, "modes on")
    editable = [r for r in app.flow.state.page.fields if not r.locked]
    labels = [r.label for r in editable]
    # the rows below have no room beside the keypad: the second field is chosen as the keypad's
    # Done (or the keypad navigation) would choose it
    app.send(ii.FocusField(editable[1].id))
    ui.wait_for(lambda: app.flow.state.page.input is not None
                and app.flow.state.page.input.field_id == editable[1].id, "second field typed into")
    ui.pump(4)
    ui.screenshot(f"low-reach-form-{'elder' if elder else 'standard'}")
    assert controls(app.root)
    assert out_of_reach(app.root) == []
    panel = app.root.ids.reach_panel
    detail = panel.ids.reach_detail
    page = app.flow.state.page
    lines = detail.text.split("\n")
    assert len(lines) == len(page.fields) + 1 >= 3  # the title, then every field
    for row in page.fields:
        assert f"{row.label}: {row.text or '—'}" in detail.text
    assert [line for line in lines if line.startswith(MARK)] == [f"{MARK}{labels[1]}: —"]
    _, y = detail.to_window(detail.x, detail.y)
    assert detail.height > 0 and y >= REACH_TOP * Window.height - 1  # above the controls' line
    assert detail.top <= panel.top  # inside the panel: not cut
    rows = rows_shown(form)  # the rows below: only what fits beside the keypad, the typed one first
    assert all(label == labels[1] for label in rows), rows
    # off the form the detail goes: Back leaves the form for the identify step
    app.send(it.Back())
    ui.wait_for(lambda: app.flow.state.screen != "apply_form", "left the form")
    ui.pump(2)
    assert detail.text == ""
