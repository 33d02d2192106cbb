"""The every-screen audit (issue 13): every screen, in every language and every mode (standard,
elder, low reach), checked on the rendered window: the screen's prompt is spoken in the language,
all text at least the mode's size, the contrast of every visible label measured on the rendered
pixels (4.5:1, 7:1 in elder mode), nothing cut or overflowing, targets of at least 60 x 60 px, and
in low reach every control in the lower 55 % of the screen.

One app; screens are reached by intents and touches where the simulators allow it. The apply and
rating screens, the staff screens and the printing screen are shown through the flow host's own
API (`show`) with page values like the journeys make, because reaching them by touch needs the
reference platform, a staff login or a print that stays slow (their own UI tests do that).
Every problem is collected and reported at once; screenshots go to artifacts/screenshots/audit-*.
"""
from __future__ import annotations

import os

import pytest

from kiosk.flow import intents as it
from kiosk.flow.apply import pages as ap
from kiosk.flow.browse import intents as bi
from kiosk.flow.browse.pages import PRINTING, PrintPage
from kiosk.flow.results import intents as ri
from kiosk.flow.apply.material_pages import CAPTURE, SIGN, CapturePage, SignPage
from kiosk.flow.results.pages import RATING, SUPPLEMENT, Material, RatingPage, SupplementPage
from kiosk.flow.scan import intents as si
from kiosk.flow.staff.pages import OUT_OF_SERVICE, STAFF, OutOfServicePage, StaffPage
from kiosk.i18n import LANGUAGES, Msg
from kiosk.flow.prompts import screen_prompt
from testkit.ui_harness import ARTIFACTS
from tests.ui.audit import (controls, labels, out_of_reach, shown, text_problems, visible_box)
from tests.ui.frame_pixels import grab_frame, measure, save_frame

pytestmark = pytest.mark.ui
MODES = ("standard", "elder", "low_reach")
CODE = "AMR-001"  # a service with materials to photograph


def _field(i: int, label: str, text: str, origin: str | None) -> ap.FieldRow:
    return ap.FieldRow(f"f{i}", label, text, origin, locked=origin == "document", keypad="digits")


FIELDS = (_field(0, "姓名 Name", "王**", "document"), _field(1, "手机号码 Mobile", "138****0000", "typed"),
          _field(2, "邮政编码 Postcode", "", None))
MATERIALS = (ap.MaterialRow("M1", "居民身份证 Resident ID card", True, ("certificate",), "certificate",
                            "居民身份证 · 公安局 · 2030-01-01"),
             ap.MaterialRow("M2", "申请表 Application form", True, ("commitment", "deferred"), None))


def _to(screen, page):
    return lambda ui: ui.app.flow.show(screen, page, remember=True)


def _tap(*path):
    """Tap the widget at ids path on a screen (e.g. ("attract", "start_area"))."""
    return lambda ui: ui.tap(getattr(ui.screen(path[0]).ids, path[1]))


def _attract_entry(which):
    def go(ui):
        ui.app.send(it.Finish())
        ui.wait_screen("attract")
        entries = ui.screen("attract").ids.scan_button.parent.children[0]
        ui.tap(getattr(entries, which))
    return go


def _staff_corner(ui):
    ui.app.send(it.Finish())
    ui.wait_screen("attract")
    corner = ui.screen("attract").ids.staff_corner
    for _ in range(5):
        ui.tap(corner)


# (label, screen name, how to get there from the previous step)
ROUTE = (
    ("attract", "attract", lambda ui: None),
    ("catalog", "catalog", _tap("attract", "start_area")),
    ("guide", "guide", lambda ui: ui.app.send(bi.OpenService(CODE))),
    ("scan-document", "scan", lambda ui: ui.app.send(si.ScanMaterials())),
    ("guide-again", "guide", lambda ui: ui.tap(ui.chrome.back_button)),
    ("printing", PRINTING, _to(PRINTING, PrintPage("printing", Msg("print.printing")))),
    ("done", "done", lambda ui: (ui.app.send(it.Back()), ui.app.send(bi.PrintGuide()))),
    ("apply-identify", ap.IDENTIFY, _to(ap.IDENTIFY, ap.IdentifyPage(
        CODE, "ready", Msg("apply.identify.insert_card"), typed_refused=Msg("apply.identify.typed_refused_high")))),
    ("apply-form", ap.FORM, _to(ap.FORM, ap.FormPage(CODE, "王**", FIELDS, False,
                                                      Msg("apply.identify.take_card")))),
    ("apply-materials", ap.MATERIALS, _to(ap.MATERIALS, ap.MaterialsPage(CODE, MATERIALS))),
    ("apply-capture", CAPTURE, _to(CAPTURE, CapturePage(CODE, "申请表 Application form", pages=1,
                                                       hint=Msg("documents.hint.hold_still")))),
    ("apply-sign", SIGN, _to(SIGN, SignPage(CODE, "申请表 Application form",
                                            Msg.of("apply.sign.text", material="申请表")))),
    ("apply-review", ap.REVIEW, _to(ap.REVIEW, ap.ReviewPage(CODE, "个体工商户设立登记", "王**", "high",
                                                           FIELDS, MATERIALS, "window"))),
    ("apply-submitted", ap.SUBMITTED, _to(ap.SUBMITTED, ap.SubmittedPage(
        "queued", Msg("apply.submit.storing"), "LOCAL-20261129-0001", Msg("apply.receipt.printing")))),
    ("rating", RATING, _to(RATING, RatingPage("SL20261026A0000004", message=Msg("results.rating.hint")))),
    ("supplement", SUPPLEMENT, _to(SUPPLEMENT, SupplementPage(
        "SL20261026A0000004", "残疾评定表缺少医生签字", "2026-12-09",
        (Material("disability_assessment", pages=1), Material("hukou_book", "certificate"))))),
    ("attract-again", "attract", lambda ui: ui.app.send(it.Finish())),
    ("scan-code", "scan", _tap("attract", "scan_button")),
    ("progress", "results_progress", _attract_entry("progress")),
    ("pickup", "results_pickup", _attract_entry("pickup")),
    ("staff-login", "staff_login", _staff_corner),
    ("staff", STAFF, _to(STAFF, StaffPage("S0042"))),
    ("out-of-service", OUT_OF_SERVICE, _to(OUT_OF_SERVICE, OutOfServicePage(
        Msg("staff.oos.reason.devices"), Msg.of("staff.oos.alternative", place="东门咨询台", hotline="12345")))),
)


def _set_mode(ui, lang: str, mode: str) -> None:
    app = ui.app
    chrome = app.flow.state.chrome
    if chrome.language != lang:
        app.send(it.SetLanguage(lang))
    if chrome.elder_mode != (mode == "elder"):
        app.send(it.ToggleElderMode())
    if chrome.low_reach != (mode == "low_reach"):
        app.send(it.ToggleLowReach())
    ui.wait_for(lambda: app.rendered.revision == app.flow.state.revision
                and app.rendered.chrome.language == lang
                and app.rendered.chrome.elder_mode == (mode == "elder")
                and app.rendered.chrome.low_reach == (mode == "low_reach"), f"{lang} {mode}")
    ui.pump(2)


def _check_spoken(ui, screen: str, lang: str) -> str | None:
    app = ui.app
    state = app.flow.state
    key = screen_prompt(state.screen, state.page).msg.key
    try:
        ui.wait_for(lambda: (s := app.voice.speaker.last_spoken) is not None
                    and s.prompt.lang == lang and s.prompt.key == key, f"{key} spoken")
    except AssertionError:
        last = app.voice.speaker.last_spoken
        return f"prompt {key} not spoken in {lang} (last: {last and last.prompt})"
    return None


def _opacity(widget) -> float:
    o = 1.0
    while widget is not None and widget is not widget.parent:
        o *= getattr(widget, "opacity", 1)
        widget = widget.parent
    return o


def _audit(ui, screen: str, lang: str, mode: str) -> list[str]:
    app = ui.app
    theme = app.theme
    problems = []
    frame = grab_frame()
    save_frame(frame, ARTIFACTS / f"audit-{screen}-{lang}-{mode}.png")
    root = app.root
    for w in labels(root):
        box = visible_box(w)
        if box is None:
            continue
        name = f"{type(w).__name__} {w.text[:24]!r}"
        # Known exception (noted on issue 13): seven chrome buttons share 900 px, so in elder mode a
        # label whose one word cannot fit ("English", "繁體中文") shrinks to 3/4 rather than break
        # (Chinese labels break between words instead: they keep the mode's size)
        unbreakable = type(w).__name__ == "ChromeButton" and (w.uid == ui.chrome.lang_button.uid
                                                              or w.text.isascii())
        floor = theme.small_px * 0.75 if unbreakable else theme.min_text_px
        if w.font_size < min(theme.min_text_px, floor) - 0.5:
            problems.append(f"{name}: {w.font_size:.0f} px < {theme.min_text_px}")
        problems += [f"{name}: {p}" for p in text_problems(w)]
        if w.disabled or _opacity(w) < 1:
            continue  # inactive (disabled, or dimmed like Clear with nothing typed): WCAG 1.4.3 exempts them
        ratio, ink = measure(frame, box, tuple(w.color[:3]))
        clipped = (box[2] - box[0]) * (box[3] - box[1]) < w.width * w.height * 0.9
        if ink == 0 and not clipped:  # a row half scrolled out may show only its background
            problems.append(f"{name}: no pixel in its text colour on screen")
        elif ratio < theme.min_contrast - 0.05:
            problems.append(f"{name}: contrast {ratio:.2f} < {theme.min_contrast}")
    for w in controls(root):
        if w.width < 60 or w.height < 60:
            problems.append(f"control {w.text[:24]!r}: {w.width:.0f} x {w.height:.0f} px")
    if mode == "low_reach":
        problems += [f"out of reach: {p}" for p in out_of_reach(root)]
    return [f"{screen} {lang} {mode}: {p}" for p in problems]


@pytest.mark.parametrize("mode", MODES)
def test_every_screen_in_every_language(fresh, mode):
    ui = fresh
    app = ui.app
    app.core.devices.printer.print_delay = 0.0
    problems: list[str] = []
    seen = set()
    only = os.environ.get("AUDIT_ONLY")  # e.g. AUDIT_ONLY=catalog,guide while fixing a screen
    try:
        for label, screen, go in ROUTE:
            if only and label not in only.split(",") and label != "attract":
                continue
            _set_mode(ui, app.flow.state.language, mode)
            go(ui)
            try:
                ui.wait_screen(screen)
            except AssertionError:
                problems.append(f"{label}: could not reach {screen} (on {app.flow.state.screen})")
                continue
            for lang in LANGUAGES:
                _set_mode(ui, lang, mode)
                assert app.flow.state.screen == screen, f"{label}: left for {app.flow.state.screen}"
                spoken = _check_spoken(ui, label, lang)
                problems += [f"{label} {lang} {mode}: {spoken}"] if spoken else []
                problems += _audit(ui, label, lang, mode)
            seen.add(screen)
    finally:
        app.send(it.Finish())
    registered = {s.name for s in app.root.ids.manager.screens}
    assert only or registered <= seen, f"screens the audit never visited: {sorted(registered - seen)}"
    report = ARTIFACTS / f"audit-problems-{mode}.txt"
    report.write_text("\n".join(problems) + "\n", encoding="utf-8")
    assert not problems, f"{len(problems)} problems (also in {report}):\n" + "\n".join(problems)
