"""Catalog and attract screen defects a new user met, in both languages and elder mode."""
from __future__ import annotations

import datetime as dt

import pytest

from kiosk.catalog import WeeklyHours
from kiosk.flow import intents as it
from screens.widgets import EntryRow
from testkit.ui_harness import walk
from tests.ui.pixels import label_contrast

pytestmark = pytest.mark.ui
MODES = [("zh", False), ("en", False), ("zh", True), ("en", True)]


def _to_catalog(ui, lang, elder):
    ui.app.send(it.SetLanguage(lang))
    if elder != ui.app.flow.state.elder_mode:
        ui.app.send(it.ToggleElderMode())
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    ui.pump(4)
    return ui.screen("catalog")


@pytest.mark.parametrize("lang,elder", MODES)
def test_catalog_rows_chips_and_clear(fresh, lang, elder):
    ui = fresh
    screen = _to_catalog(ui, lang, elder)
    view = screen.ids.entries
    rows = [w for w in walk(view) if isinstance(w, EntryRow) and w.text]
    bottom = view.to_window(view.x, view.y)[1]
    top = bottom + view.height

    def inside(r):
        y = r.to_window(r.x, r.y)[1]
        return y >= bottom - 1 and y + r.height <= top + 1

    shown = [r for r in rows if inside(r)]
    png = ui.screenshot(f"{lang}{'-elder' if elder else ''}-catalog")
    # the issue: elder mode left room for about two services
    assert len(shown) >= (3 if elder else 5), f"only {len(shown)} services fit the catalog"
    theme = ui.app.theme
    for row in shown:  # subtitles grow with the theme and every row fits its text
        assert row.height >= row.texture_size[1], row.text
        if "\n" in row.text:
            assert f"[size={theme.small_px}]" in row.text
    clear = screen.ids.clear_button
    assert "\n" not in clear.text and clear.texture_size[1] < clear.font_size * 2
    assert clear.texture_size[0] <= clear.width
    group_labels = [w for w in walk(view) if type(w).__name__ == "GroupRow" and w.text][:2]
    for label in group_labels:
        ratio, _ = label_contrast(png, label)
        assert ratio >= 4.5, f"{label.text!r}: {ratio:.2f}"
    here = ui.app.translator.t("catalog.here", lang)
    entries = {e.code: e for g in ui.app.flow.state.page.groups for e in g.entries}
    data = [d for d in view.data if d["viewclass"] == "EntryRow"]
    assert data and all((here in d["text"]) == entries[d["code"]].here for d in data)
    assert any(e.here for e in entries.values()) and not all(e.here for e in entries.values())


@pytest.mark.parametrize("lang,elder", MODES)
def test_attract_says_when_the_branch_is_closed_and_shows_the_whole_name(fresh, lang, elder):
    ui = fresh
    content = ui.app.core.content
    real = (content.branch_hours, content.now)
    content.branch_hours = WeeklyHours.parse("Mon-Fri 09:00-17:00")
    content.now = lambda: dt.datetime(2026, 11, 22, 20, 0)  # a Sunday evening
    try:
        ui.app.send(it.SetLanguage(lang))
        if elder != ui.app.flow.state.elder_mode:
            ui.app.send(it.ToggleElderMode())
        ui.pump(4)
        screen = ui.screen("attract")
        closed = screen.ids.closed
        tr = ui.app.translator
        assert tr.t("hours.closed_now", lang, next="").split("{")[0][:4] in closed.source_text
        assert "09:00" in closed.source_text and closed.height > closed.font_size
        brand = ui.app.root.ids.chrome.ids.brand
        name = ui.app.config_obj.profile.name[lang]
        ui.wait_for(lambda: brand.source_text.startswith(name), "the chrome in the new language")
        assert brand.source_text.startswith(name) and "…" not in brand.text
        assert brand.texture_size[0] <= brand.width + 1 and brand.height >= brand.texture_size[1]
        png = ui.screenshot(f"{lang}{'-elder' if elder else ''}-attract-closed")
        ratio, inked = label_contrast(png, closed)
        assert ratio >= 4.5 and inked > 20
    finally:
        content.branch_hours, content.now = real
        ui.app.send(it.SetLanguage("zh"))
