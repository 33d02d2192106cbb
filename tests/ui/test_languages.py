"""Every language (kiosk.i18n.LANGUAGES) in standard and elder mode: no text cut, no overflow,
no glyph missing from the language's font, on the attract, catalog and a long guide screen."""
from __future__ import annotations

from functools import lru_cache

import pytest
from fontTools.ttLib import TTCollection, TTFont
from kivy.uix.label import Label

from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.i18n import LANGUAGES
from screens.fonts import current_font_file, font_file
from testkit.ui_harness import walk

MODES = [(lang, elder) for lang in LANGUAGES for elder in (False, True)]
LONG_GUIDES = (("bundle", "newborn"), ("service", "HEALTH-001"))  # many sections; blocked here


@lru_cache(maxsize=8)
def _cmap(path: str) -> set[int]:
    font = TTCollection(path).fonts[0] if path.endswith(".ttc") else TTFont(path)  # Kivy: face 0
    return set(font.getBestCmap())


def _shown(widget) -> bool:
    """Drawn on screen: in the window, with size, and no transparent ancestor."""
    if widget.get_root_window() is None or widget.width < 2 or widget.height < 2:
        return False
    node = widget
    while node is not None and node is not node.parent:
        if getattr(node, "opacity", 1) == 0:
            return False
        node = node.parent
    return True


def _labels(*roots):
    return [w for root in roots for w in walk(root)
            if isinstance(w, Label) and w.text.strip() and _shown(w)]


def _check_fits(ui, screen, where: str, glyphs: set[int]) -> int:
    """Every shown label's drawn text fits its box and every character has a glyph."""
    ui.pump(3)
    labels = _labels(screen, ui.app.root.ids.chrome)
    assert len(labels) >= 3, f"{where}: too few labels found"
    for label in labels:
        tw, th = label.texture_size
        what = f"{where}: {label.text[:40]!r}"
        if label.shorten:  # shortening is by design only when the label says so visibly
            assert tw <= label.width + 1 or label.text.endswith("…"), what
        else:
            assert tw <= label.width + 1, f"{what} is {tw:.0f} px wide in a {label.width:.0f} px box"
            assert th <= label.height + 1, f"{what} is {th:.0f} px tall in a {label.height:.0f} px box"
        text = label.text
        own = label.font_name if label.font_name.endswith((".otf", ".ttf", ".ttc")) else None
        font = own or current_font_file()  # the language button names a language in its font
        have = _cmap(own) if own else glyphs
        missing = sorted({ch for ch in text if not ch.isspace() and ord(ch) not in have
                          and ch not in "[]"})
        assert not missing, f"{what}: no glyph for {''.join(missing)!r} in {font}"
    return len(labels)


@pytest.mark.parametrize("lang,elder", MODES)
def test_no_text_cut_or_overflowing_in_any_language(fresh, lang, elder):
    ui = fresh
    app = ui.app
    app.send(it.SetLanguage(lang))
    if elder:
        app.send(it.ToggleElderMode())
    ui.wait_for(lambda: app.rendered.language == lang and app.rendered.elder_mode == elder,
                f"{lang} rendered")
    assert current_font_file() == font_file(lang)
    glyphs = _cmap(current_font_file())
    name = f"lang-{lang}-{'elder' if elder else 'std'}"
    title = app.config_obj.profile.branding.title[lang]
    ui.wait_for(lambda: ui.screen("attract").ids.title.text == title, "attract title")
    ui.screenshot(f"{name}-attract")
    button = ui.chrome.lang_button  # the next language, named in itself, on one line
    assert "\n" not in button.text and button.font_size >= app.theme.small_px * 0.75
    for widget in walk(app.root.ids.chrome):  # no word broken inside ("Standa / rd text")
        if isinstance(widget, Label) and _shown(widget) and widget.text.strip():
            shown = widget.text.replace("\n", " ").split()
            source = (getattr(widget, "source_text", "") or widget.text).split()
            assert all(w in shown for w in source if w.isascii()), f"{name}: {widget.text!r}"
    _check_fits(ui, ui.screen("attract"), f"{name} attract", glyphs)
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    ui.screenshot(f"{name}-catalog")
    _check_fits(ui, ui.screen("catalog"), f"{name} catalog", glyphs)
    for kind, code in LONG_GUIDES:
        app.send(bi.OpenBundle(code) if kind == "bundle" else bi.OpenService(code))
        ui.wait_screen("guide")
        guide = app.flow.state.page.guide
        screen = ui.screen("guide")
        shown = lambda: getattr(screen.ids.title, "source_text", "") or screen.ids.title.text  # noqa: E731
        ui.wait_for(lambda: shown() == guide.title.pick(lang), "guide title")
        ui.screenshot(f"{name}-guide-{code}")
        _check_fits(ui, screen, f"{name} guide {code}", glyphs)
        body = "\n".join(w.text for w in walk(screen.ids.sections) if isinstance(w, Label))
        assert guide.sections[0].lines[0].pick(lang).split("\n")[0][:6] in body.replace("\n", "")
        app.send(it.Back())
        ui.wait_screen("catalog")


def test_traditional_chinese_is_shown_converted_and_back(fresh):
    ui = fresh
    app = ui.app
    ui.tap(ui.screen("attract").ids.start_area)
    ui.wait_screen("catalog")
    app.send(bi.OpenService("HEALTH-001"))
    ui.wait_screen("guide")
    title = ui.screen("guide").ids.title
    zh = title.text
    seen = [zh]
    for _ in LANGUAGES[1:]:  # the chrome's button cycles through every language, then home
        ui.tap(ui.chrome.lang_button)
        ui.wait_for(lambda: title.text != seen[-1], "guide re-rendered in the next language")
        seen.append(title.text)
        ui.wait_for(lambda: ui.chrome.lang_button.text != "", "language button relabelled")
    assert app.rendered.language == LANGUAGES[-1] == "zh-Hant"
    assert seen[-1] == "出生醫學證明首次簽發" and zh == "出生医学证明首次签发"
    assert ui.chrome.lang_button.text == "中文"  # the next one, named in itself
    ui.screenshot("lang-zh-Hant-guide-switched")
    ui.tap(ui.chrome.lang_button)
    ui.wait_for(lambda: title.text == zh, "back to Simplified Chinese")
