"""Elder mode beyond the attract and catalog screens: long lists are read page by page with
Previous / Next and "page 2 of 3" (standard mode keeps scrolling), and the slip prints in large print."""
from __future__ import annotations

import pytest

from drivers.printer.escpos_parse import EscposParser
from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from screens.paging import page_count, page_of

pytestmark = pytest.mark.ui


def test_page_arithmetic():
    assert page_count(500, 600) == 1 and page_count(1200, 600) == 2 and page_count(1201, 600) == 2 and page_count(1300, 600) == 3
    assert page_of(0, 1500, 600) == 1 and page_of(600, 1500, 600) == 2
    assert page_of(900, 1500, 600) == 3  # the last page ends at the bottom


def _elder(ui, on: bool) -> None:
    if ui.app.flow.state.elder_mode != on:
        ui.tap(ui.chrome.elder_button)
    ui.wait_for(lambda: ui.app.rendered.chrome.elder_mode == on, f"elder {on}")


def _pages(ui, bar, lang: str) -> None:
    t = ui.app.translator.t
    ui.wait_for(lambda: bar.active and bar.pages > 1, "page bar shown")
    assert bar.ids.where.text == t("page.of", lang, page=1, pages=bar.pages), (
        bar.scroll.scroll_y, bar.scroll.height, bar._content_height(), bar.page)
    assert bar.ids.where.text == t("page.of", lang, page=1, pages=bar.pages)
    assert bar.ids.prev_button.disabled and not bar.ids.next_button.disabled
    assert min(bar.ids.next_button.size) >= 60
    before = bar.scroll.scroll_y
    ui.tap(bar.ids.next_button)
    ui.wait_for(lambda: bar.page == 2, "page 2")
    assert bar.scroll.scroll_y < before
    assert bar.ids.where.text == t("page.of", lang, page=2, pages=bar.pages)
    ui.tap(bar.ids.prev_button)
    ui.wait_for(lambda: bar.page == 1 and bar.scroll.scroll_y == 1, "back on page 1")
    bar.scroll.scroll_y = 0  # the resident dragged to the end: the bar follows
    ui.wait_for(lambda: bar.page == bar.pages, "the last page")
    assert bar.ids.next_button.disabled and not bar.ids.prev_button.disabled
    bar.scroll.scroll_y = 1  # leave the list at its top for the next test


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_elder_guide_is_paged(fresh, lang):
    ui = fresh
    app = ui.app
    app.send(it.SetLanguage(lang))
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    _elder(ui, True)
    app.send(bi.OpenService("AMR-001"))
    ui.wait_screen("guide")
    guide_bar = next(w for w in ui.screen("guide").walk() if type(w).__name__ == "PageBar")
    ui.wait_for(lambda: guide_bar.scroll.scroll_y == 1, "the guide opens at its top")
    ui.pump(3)
    _pages(ui, guide_bar, lang)
    ui.screenshot(f"{lang}-elder-guide-paged")
    _elder(ui, False)
    ui.wait_for(lambda: not guide_bar.active and guide_bar.height == 0, "bar hidden in standard mode")
    assert guide_bar.ids.next_button.disabled


def test_elder_mode_prints_the_large_print_slip(fresh):
    ui = fresh
    app = ui.app
    printer = app.core.devices.printer
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    _elder(ui, True)
    app.send(bi.OpenService("AMR-001"))
    ui.wait_screen("guide")
    count = len(printer.printed)
    ui.tap(ui.screen("guide").ids.print_button)
    ui.wait_for(lambda: len(printer.printed) > count, "the slip printed", limit_s=20)
    parser = EscposParser()
    ops = parser.feed(printer.printed[-1].data) + parser.flush()
    sizes = [op.value for op in ops if op.kind == "size"]
    assert (2, 2) in sizes and (3, 3) in sizes  # body text doubled, titles tripled
    ui.wait_screen("done")
