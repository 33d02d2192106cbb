"""The browse journey by synthetic touch in a real Kivy window, in Chinese and in English."""
from __future__ import annotations

import pytest
from kivy.uix.button import Button

from kiosk.flow.browse import CATALOG
from testkit.ui_harness import texts, walk

pytestmark = pytest.mark.ui


def visible_rows(ui, viewclass="EntryRow"):
    rv = ui.screen("catalog").ids.entries
    rows = [w for w in walk(rv) if type(w).__name__ == viewclass]
    return sorted(rows, key=lambda w: -w.to_window(*w.center)[1])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_browse_read_print_finish(fresh, lang):
    ui = fresh
    app = ui.app
    attract = ui.screen("attract")
    if lang == "en":
        ui.tap(ui.chrome.lang_button)
        ui.wait_for(lambda: attract.ids.title.text == app.config_obj.profile.branding.title["en"],
                    "English attract screen")
    ui.screenshot(f"{lang}-01-attract")
    ui.tap(attract.ids.start_area)
    ui.wait_screen("catalog")
    ui.screenshot(f"{lang}-02-catalog")
    groups = app.flow.state.page.groups
    shown = texts(ui.screen("catalog"))
    assert any(groups[0].title.pick(lang) in t for t in shown)
    row = next(r for r in visible_rows(ui) if not r.is_bundle)
    ui.tap(row)
    ui.wait_screen("guide")
    guide = app.flow.state.page.guide
    assert guide.code == row.code
    guide_screen = ui.screen("guide")
    assert guide_screen.ids.title.text == guide.title.pick(lang)
    body = "\n".join(texts(guide_screen.ids.sections))
    assert all(s.title.pick(lang) in body for s in guide.sections)
    ui.screenshot(f"{lang}-03-guide")
    ui.tap(guide_screen.ids.print_button)
    ui.wait_screen("done")
    done = ui.screen("done")
    assert app.flow.state.page.state == "done"
    assert done.ids.message.text == app.translator.t("print.done", lang)
    ui.screenshot(f"{lang}-04-done")
    printer = app.core.devices.printer
    assert printer.printed, "nothing reached the printer"
    png = printer.render_png(printer.printed[-1], ui.screenshot(f"{lang}-05-slip").parent
                             / f"{lang}-05-slip.png")
    assert png.stat().st_size > 1000
    ui.tap(done.ids.finish_button)
    ui.wait_screen("attract")
    assert app.flow.session is None


def test_language_switch_retranslates_the_open_screen(fresh):
    ui = fresh
    app = ui.app
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    zh = texts(ui.screen("catalog"))
    ui.tap(ui.chrome.lang_button)
    ui.wait_for(lambda: app.rendered.language == "en", "English render")
    en = texts(ui.screen("catalog"))
    assert zh != en
    assert ui.chrome.home_button.text == "Home" and ui.chrome.lang_button.text == "繁體中文"


def test_elder_mode_enlarges_text_and_targets(fresh):
    ui = fresh
    app = ui.app
    attract = ui.screen("attract")
    small = attract.ids.subtitle.font_size
    small_button = attract.ids.scan_button.height
    ui.tap(ui.chrome.elder_button)
    ui.wait_for(lambda: app.rendered.elder_mode, "elder mode render")
    assert attract.ids.subtitle.font_size >= small * 1.3
    assert attract.ids.scan_button.height > small_button
    ui.screenshot("elder-attract")


def test_search_with_the_on_screen_keyboard(fresh):
    ui = fresh
    app = ui.app
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    catalog = ui.screen("catalog")
    ui.tap(catalog.ids.search_box)
    kb = catalog.ids.keyboard
    ui.wait_for(lambda: kb.shown and kb.height > 0, "keyboard shown")
    keys = {getattr(b, "key_value", None): b for b in walk(kb) if isinstance(b, Button)}
    for ch in "shebao":
        ui.tap(keys[ch])
    ui.wait_for(lambda: app.rendered.page.query == "shebao", "query typed")
    assert app.flow.state.page.results
    ui.screenshot("zh-search-shebao")
    rows = visible_rows(ui)
    assert rows and rows[0].code == app.flow.state.page.results[0].code
    ui.tap(keys["\b"])
    ui.wait_for(lambda: app.rendered.page.query == "sheba", "backspace")


def test_idle_warning_then_extend_then_timeout(fresh):
    ui = fresh
    app = ui.app
    profile = app.config_obj.profile
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    overlay = app.root.ids.idle_overlay
    ui.clock.advance(profile.idle_timeout_s - profile.idle_warning_s + 1)
    ui.wait_for(lambda: overlay.shown, "idle warning")
    assert str(int(app.flow.state.chrome.idle_seconds_left)) in overlay.ids.idle_body.text
    ui.screenshot("zh-idle-warning")
    ui.tap(overlay.ids.extend_button)
    ui.wait_for(lambda: not overlay.shown, "warning dismissed")
    assert app.flow.state.screen == CATALOG
    ui.clock.advance(profile.idle_timeout_s + 1)
    ui.wait_screen("attract")
    assert app.flow.session is None and not overlay.shown


def test_every_visible_button_is_a_big_enough_target(fresh):
    ui = fresh
    app = ui.app

    def check(name):
        for w in walk(app.root):
            if isinstance(w, Button) and w.opacity > 0 and not w.disabled and w.get_root_window():
                assert w.height >= 60 and w.width >= 60, f"{name}: {w.text!r} is {w.size}"

    check("attract")
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    check("catalog")
    ui.tap(next(r for r in visible_rows(ui) if not r.is_bundle))
    ui.wait_screen("guide")
    check("guide")


def test_tap_a_chinese_keyword_instead_of_typing(fresh):
    ui = fresh
    app = ui.app
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    chips = [w for w in walk(ui.screen("catalog").ids.chips) if hasattr(w, "keyword")]
    assert chips and all(not c.keyword.isascii() for c in chips)
    chip = next(c for c in chips if c.keyword == "社保")
    ui.tap(chip)
    ui.wait_for(lambda: app.rendered.page.query == "社保", "keyword search")
    top = app.core.content.catalog.get(app.flow.state.page.results[0].code)
    assert top is not None and ("社会保险" in top.name.zh or "社保" in top.name.zh)
    assert not [w for w in walk(ui.screen("catalog").ids.chips) if hasattr(w, "keyword")]


def test_bundle_choose_items_by_touch_changes_the_merged_list(fresh):
    ui = fresh
    app = ui.app
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    row = next(r for r in visible_rows(ui) if r.is_bundle)
    ui.tap(row)
    ui.wait_screen("guide")
    guide = app.flow.state.page.guide
    assert guide.bundle_items and all(on for _, _, on in guide.bundle_items)
    materials = next(s for s in guide.sections if s.key == "materials").lines
    ui.screenshot("zh-bundle-all")
    screen = ui.screen("guide")
    toggles = [w for w in walk(screen.ids.bundle_items) if hasattr(w, "item_code")]
    assert len(toggles) == len(guide.bundle_items)
    ui.tap(toggles[-1])
    ui.wait_for(lambda: sum(on for _, _, on in app.rendered.page.guide.bundle_items)
                == len(guide.bundle_items) - 1, "one item left out")
    fewer = next(s for s in app.flow.state.page.guide.sections if s.key == "materials").lines
    assert fewer != materials and len(fewer) <= len(materials)
    ui.screenshot("zh-bundle-subset")


def test_guide_shows_sample_documents(fresh):
    ui = fresh
    app = ui.app
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    from kiosk.flow.browse import intents as bi
    app.send(bi.OpenService("HRSS-001"))
    ui.wait_screen("guide")
    guide = app.flow.state.page.guide
    assert guide.samples
    cells = [w for w in walk(ui.screen("guide").ids.sections) if hasattr(w, "sample_path")]
    assert {c.sample_path for c in cells} == {p for _, p in guide.samples}
    images = [w for c in cells for w in walk(c) if type(w).__name__ == "AsyncImage"]
    ui.wait_for(lambda: all(i.texture is not None for i in images), "sample images loaded")
