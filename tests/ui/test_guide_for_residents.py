"""Guide screen defects a new user met, in both languages and elder mode (real window, pixels)."""
from __future__ import annotations

import pytest
from kivy.uix.label import Label

from kiosk.devices import MissingDevice
from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from screens.theme import MIN_CONTRAST
from screens.wrap_label import WrapLabel
from testkit.ui_harness import walk
from tests.ui.pixels import label_contrast

pytestmark = pytest.mark.ui
MODES = [("zh", False), ("en", False), ("zh", True), ("en", True)]


def _setup(ui, lang, elder):
    ui.app.send(it.SetLanguage(lang))
    if elder != ui.app.flow.state.elder_mode:
        ui.app.send(it.ToggleElderMode())
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")


def _open(ui, code, bundle=False):
    ui.app.send(bi.OpenBundle(code) if bundle else bi.OpenService(code))
    ui.wait_screen("guide")
    ui.pump(4)
    return ui.screen("guide")


def _name(lang, elder, what):
    return f"{lang}{'-elder' if elder else ''}-{what}"


@pytest.mark.parametrize("lang,elder", MODES)
@pytest.mark.parametrize("code,bundle", [("HEALTH-001", False), ("newborn", True)])
def test_blocked_and_bundle_guides_show_their_content_in_one_scroll(fresh, lang, elder, code, bundle):
    ui = fresh
    _setup(ui, lang, elder)
    screen = _open(ui, code, bundle)
    scroller, content = screen.ids.scroller, screen.ids.content
    inside = set(walk(scroller))
    ui.screenshot(_name(lang, elder, f"guide-{code}-top"))
    for part in ("availability", "bundle_items", "sections"):
        assert screen.ids[part] in inside, f"{part} is outside the scroll area"
    assert scroller.height >= 300, f"only {scroller.height:.0f} px left for the guide"
    assert content.height > scroller.height  # there is more to read: it scrolls
    first = screen.ids.sections.children[-1] if not screen.ids.bundle_items.children else \
        screen.ids.bundle_items.children[-1]
    ui.scroll_into_view(first)
    ui.screenshot(_name(lang, elder, f"guide-{code}-top"))
    scroller.scroll_y = 0
    ui.pump(3)
    assert scroller.scroll_y == 0
    ui.screenshot(_name(lang, elder, f"guide-{code}-bottom"))
    keys = [s.key for s in ui.app.flow.state.page.guide.sections]
    if not bundle:  # what a resident needs first, administrative fields last
        assert keys[:5] == ["materials", "place", "hours", "fee", "time_limits"]
        assert keys.index("legal_basis") > keys.index("phones")


@pytest.mark.parametrize("lang,elder", MODES)
def test_availability_text_is_readable_on_the_rendered_panel(fresh, lang, elder):
    ui = fresh
    _setup(ui, lang, elder)
    for code in ("HEALTH-001", "HRSS-001"):  # blocked (red panel) and available (plain "yes")
        screen = _open(ui, code)
        png = ui.screenshot(_name(lang, elder, f"guide-{code}-panel"))
        labels = [w for w in walk(screen.ids.availability) if isinstance(w, Label) and w.text]
        assert labels
        for label in labels:
            ratio, inked = label_contrast(png, label)
            assert ratio >= MIN_CONTRAST, f"{label.text!r}: contrast {ratio:.2f} on the screen"
            assert inked > 20, f"{label.text!r}: its colour is not what is drawn"
        guide = ui.app.flow.state.page.guide
        if guide.availability.ok:
            assert ui.app.translator.t("guide.can_do_here", lang) in labels[0].text
        ui.app.send(it.Back())
        ui.wait_screen("catalog")


@pytest.mark.parametrize("lang,elder", MODES)
def test_no_lone_bullet_and_no_number_broken_across_lines(fresh, lang, elder):
    ui = fresh
    _setup(ui, lang, elder)
    screen = _open(ui, "HEALTH-001")
    labels = [w for w in walk(screen) if isinstance(w, WrapLabel) and w.text]
    assert any("12345" in w.source_text for w in labels)
    for label in labels:
        lines = label.text.split("\n")
        assert all(line.strip() not in ("•", "·", "•\u00a0") for line in lines), label.text
        for a, b in zip(lines, lines[1:]):
            assert not (a[-1:].isdigit() and b[:1].isdigit()), f"number broken: {a!r} / {b!r}"
        assert label.texture_size[0] <= label.width + 1, f"{label.text!r} wider than its label"


@pytest.fixture
def no_printer(fresh):
    hub = fresh.app.core.devices
    real = hub.devices["printer"]
    missing = MissingDevice("printer", "unplugged for the test")
    hub.replace("printer", missing)
    missing.start()
    fresh.pump(3)
    yield fresh
    hub.replace("printer", real)
    real.start()


@pytest.mark.parametrize("lang,elder", MODES)
def test_print_is_disabled_without_a_printer_and_fails_at_once_with_a_qr(no_printer, lang, elder):
    ui = no_printer
    _setup(ui, lang, elder)
    screen = _open(ui, "HRSS-001")
    button = screen.ids.print_button
    ui.wait_for(lambda: button.disabled, "Print disabled")
    tr = ui.app.translator
    assert tr.t("device.blocked.missing", lang, device=tr.t("device.printer", lang)) in \
        button.text.replace("\n", "")
    ui.screenshot(_name(lang, elder, "guide-no-printer"))
    ui.app.send(bi.PrintGuide())  # even if asked: no "Printing…" for a minute
    ui.wait_screen("done")
    page = ui.app.flow.state.page
    assert page.state == "failed" and page.url.startswith("https://")
    done = ui.screen("done")
    assert done.ids.qr.data == page.url
    ui.wait_for(lambda: done.ids.qr.height > 200, "the QR code laid out large")
    assert "12345" in done.ids.hint.source_text
    png = ui.screenshot(_name(lang, elder, "print-failed-qr"))
    import zxingcpp
    from PIL import Image
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(png))] == [page.url]
