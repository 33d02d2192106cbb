"""No information only in colour (WCAG 1.4.1, issue 13), in the real Kivy window: every state the
screens show by colour (the chosen tab, level, option or answer; a service's availability; a
device alert; progress stages; a scan's result) also changes the words or marks drawn, so the
screen seen without colour (saved in greyscale beside the colour screenshots) still tells it."""
from __future__ import annotations

import pytest
from PIL import Image

from drivers.card_reader.base import IdentityRecord
from kiosk.flow.browse import intents as bi
from kiosk.flow.results import intents as ri
from kiosk.flow.results.pages import PICKUP, RATING
from screens.selection import MARK, is_marked
from testkit.ui_harness import texts
from tests.ui.test_results_journey import RESIDENT, platform, results_ui  # noqa: F401  (fixtures)

pytestmark = pytest.mark.ui


def greyscale_shot(ui, name: str) -> Image.Image:
    """The window as rendered, saved again without colour (name-grey.png); returns the grey image."""
    png = ui.screenshot(name)
    grey = Image.open(png).convert("L")
    grey.save(png.with_name(f"{name}-grey.png"))
    return grey


def region(grey: Image.Image, widget) -> Image.Image:
    """The part of the grey window image that widget covers."""
    x0, y0 = widget.to_window(widget.x, widget.y)
    x1, y1 = widget.to_window(widget.right, widget.top)
    h = grey.height
    return grey.crop((int(x0), int(h - y1), int(x1), int(h - y0)))


def ink_shape(grey_part: Image.Image) -> Image.Image:
    """What is drawn on a control, whatever its fill: pixels far from the control's own background
    grey (its most common one) become black. Two controls that differ only in fill colour have
    the same ink shape."""
    background = max(grey_part.getcolors(grey_part.width * grey_part.height))[1]
    return grey_part.point(lambda v: 0 if abs(v - background) > 60 else 255)


def ink_of(ui, name: str, widget) -> Image.Image:
    """widget's ink shape on the window as rendered now (the greyscale screenshot saved as name)."""
    return ink_shape(region(greyscale_shot(ui, name), widget))


def differs(a: Image.Image, b: Image.Image) -> bool:
    """Two ink shapes differ in more than 2 % of their pixels."""
    size = (min(a.width, b.width), min(a.height, b.height))
    a, b = a.crop((0, 0) + size), b.crop((0, 0) + size)
    # measured: a fill colour change alone differs in 0.2-0.5 % (anti-aliasing), the ■ mark in 6-7 %
    return sum(1 for p, q in zip(a.getdata(), b.getdata()) if p != q) > 0.02 * size[0] * size[1]


def test_the_chosen_catalog_tab_is_marked_not_only_coloured(fresh):
    ui = fresh
    app = ui.app
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    tabs = ui.screen("catalog")._tabs
    for kind in tabs:
        app.send(bi.Browse(kind))
        ui.wait_screen("catalog")
        marked = [k for k, b in tabs.items() if is_marked(b.text)]
        assert marked == [kind], {k: b.text for k, b in tabs.items()}
    # the same tab chosen and not chosen: without colour, the drawn shapes still differ
    chosen = ink_of(ui, "zh-colour-01-catalog-tab-chosen", tabs[kind])
    app.send(bi.Browse(next(iter(tabs))))  # the first tab again, as a fresh catalog opens
    ui.wait_screen("catalog")
    assert differs(chosen, ink_of(ui, "zh-colour-01-catalog-tab-not-chosen", tabs[kind]))


def test_availability_and_device_alerts_are_in_words(fresh):
    ui = fresh
    printer = ui.app.core.devices.printer
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    ui.app.send(bi.OpenService("HRSS-001"))  # needs the printer
    ui.wait_screen("guide")
    guide = ui.screen("guide")
    available = texts(guide.ids.availability) + texts(ui.app.root.ids.chrome)
    printer.set_offline(True)
    try:
        ui.wait_for(lambda: guide.blocked and ui.chrome.alerts.text, "printer offline shown")
        ui.pump(3)
        unavailable = texts(guide.ids.availability) + texts(ui.app.root.ids.chrome)
        greyscale_shot(ui, "zh-colour-02-guide-unavailable")
    finally:
        printer.set_offline(False)
    ui.wait_for(lambda: not guide.blocked and not ui.chrome.alerts.text, "printer back")
    # the state is in words: what is said differs, beyond a colour change of the same words
    assert set(unavailable) - set(available), (available, unavailable)
    assert ui.app.translator.t("avail.not_here", "zh") in "\n".join(unavailable)


def test_progress_and_rating_states_are_marked_not_only_coloured(results_ui):
    ui = results_ui
    app = ui.app
    app.send(ri.OpenPickup())
    ui.wait_screen(PICKUP)
    app.core.devices.qr_camera.set_scanning(False)  # typed code: the QR simulator reads its own
    person = RESIDENT["zhang"]
    app.core.devices.card_reader.place_card(
        IdentityRecord(document_type="resident_id", name=person["name"], id_number=person["id"]))
    ui.wait_for(lambda: app.flow.state.page.identified, "card verified by the platform")
    for ch in "31415926":
        app.send(ri.PressKey(ch))
    app.send(ri.SubmitEntry())
    ui.wait_for(lambda: app.flow.state.page.stage == "done", "handed over", limit_s=20)
    app.send(ri.OpenRating())
    ui.wait_screen(RATING)
    rating = ui.screen(RATING)
    app.send(ri.ChooseLevel(2))
    ui.wait_screen(RATING)
    chosen = [level for level, b in rating.level_buttons.items() if is_marked(b.text)]
    assert chosen == [2], {level: b.text for level, b in rating.level_buttons.items()}
    options = list(rating.option_buttons)
    app.send(ri.ToggleOption(options[0]))
    ui.wait_screen(RATING)
    assert [o for o, b in rating.option_buttons.items() if is_marked(b.text)] == [options[0]]
    chosen = ink_of(ui, "zh-colour-03-rating-option-chosen", rating.option_buttons[options[0]])
    app.send(ri.ToggleOption(options[0]))
    ui.wait_screen(RATING)
    assert not is_marked(rating.option_buttons[options[0]].text)
    assert differs(chosen, ink_of(ui, "zh-colour-03-rating-option-not-chosen",
                                  rating.option_buttons[options[0]]))
    # the chosen level is spoken as chosen by the keypad navigation, without the mark
    from screens.keypad_nav import label_of
    assert MARK not in label_of(rating.level_buttons[2])
    app.send(ri.SkipRating())
    ui.wait_screen("attract")
