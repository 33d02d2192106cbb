"""The browse journey on the real catalog and simulated devices, time under test control."""
from __future__ import annotations

from kiosk.catalog import guide_url
from kiosk.flow import intents as it
from kiosk.flow.browse import CATALOG, DONE, GUIDE, PRINTING
from kiosk.flow.browse import intents as bi
from kiosk.flow.state import ATTRACT
from testkit.waiting import wait_for_screen


def first_service(flow):
    return next(e for g in flow.state.page.groups for e in g.entries if not e.is_bundle)


def test_start_shows_catalog_groups_in_both_languages(core):
    flow = core.flow
    assert flow.state.screen == ATTRACT and flow.session is None
    flow.dispatch(bi.Start())
    assert flow.state.screen == CATALOG
    assert flow.session is not None
    zh_titles = [g.title.pick("zh") for g in flow.state.page.groups]
    assert zh_titles and all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in zh_titles)
    flow.dispatch(it.SetLanguage("en"))
    en_titles = [g.title.pick("en") for g in flow.state.page.groups]
    assert len(en_titles) == len(zh_titles) and en_titles != zh_titles
    assert all(t.isascii() for t in en_titles)
    for kind in ("theme", "department"):
        flow.dispatch(bi.Browse(kind))
        assert flow.state.page.browse_kind == kind and flow.state.page.groups


def test_open_guide_back_and_home(core):
    flow = core.flow
    flow.dispatch(bi.Start())
    entry = first_service(flow)
    flow.dispatch(bi.OpenService(entry.code))
    guide = flow.state.page.guide
    assert flow.state.screen == GUIDE and guide.code == entry.code
    keys = {s.key for s in guide.sections}
    for element in ("materials", "legal_basis", "fee", "place", "time_limits", "phones", "hours", "faq"):
        assert any(element in k for k in keys), f"guide lacks {element}: {sorted(keys)}"
    assert entry.code in " ".join(l.pick("zh") for s in guide.sections for l in s.lines)
    version = core.translator.render(guide.version_line, "zh")
    assert core.content.catalog.get(entry.code).version in version and "[" not in version
    flow.dispatch(it.Back())
    assert flow.state.screen == CATALOG and not hasattr(flow.state.page, "guide")
    flow.dispatch(bi.OpenService(entry.code))
    flow.dispatch(it.Home())
    assert flow.state.screen == CATALOG


def test_unknown_code_keeps_the_current_screen(core):
    flow = core.flow
    flow.dispatch(bi.Start())
    flow.dispatch(bi.OpenService("NO-SUCH-CODE"))
    assert flow.state.screen == CATALOG


def test_search_by_pinyin_finds_a_service_and_back_clears_it(core):
    flow = core.flow
    flow.dispatch(bi.Start())
    flow.dispatch(bi.Search("shebao"))
    assert flow.state.page.results, "pinyin search found nothing"
    assert "社" in core.content.catalog.get(flow.state.page.results[0].code).name.zh or \
        flow.state.page.results[0].is_bundle
    flow.dispatch(it.Back())
    assert flow.state.screen == CATALOG and flow.state.page.query == "" and not flow.state.page.results


def test_print_guide_sends_the_slip_to_the_printer(core):
    flow = core.flow
    printer = core.devices.printer
    flow.dispatch(bi.Start())
    entry = first_service(flow)
    flow.dispatch(bi.OpenService(entry.code))
    flow.dispatch(bi.PrintGuide())
    assert flow.state.screen in (PRINTING, DONE)
    wait_for_screen(flow, DONE)
    assert flow.state.page.state == "done"
    assert len(printer.printed) == 1
    data = printer.printed[0].data
    item = core.content.catalog.get(entry.code)
    assert b"\x1c\x26" in data  # Chinese mode before GB18030 text
    assert item.name.zh.encode("gb18030") in data
    assert guide_url(item).encode("ascii") in data  # stored in the native QR symbol
    assert b"\x1dV" in data[-6:]  # ends with a cut


def test_paper_out_reports_a_specific_message(core):
    flow = core.flow
    core.devices.printer.set_paper_out(True)
    flow.dispatch(bi.Start())
    flow.dispatch(bi.OpenService(first_service(flow).code))
    flow.dispatch(bi.PrintGuide())
    wait_for_screen(flow, DONE)
    assert flow.state.page.state == "failed"
    assert core.translator.render(flow.state.page.message, "zh") == \
        core.translator.t("print.error.paper_out", "zh")


def test_idle_warning_extend_and_timeout_wipe(core, clock):
    flow = core.flow
    profile = core.config.profile
    flow.dispatch(it.SetLanguage("en"))
    flow.dispatch(bi.Start())
    flow.session.put("identity", {"name": "张三"})
    clock.advance(profile.idle_timeout_s - profile.idle_warning_s - 1)
    flow.tick()
    assert flow.state.chrome.idle_seconds_left is None
    clock.advance(2)
    flow.tick()
    assert flow.state.chrome.idle_seconds_left is not None and flow.state.chrome.idle_seconds_left >= 20
    flow.dispatch(it.ExtendSession())
    assert flow.state.chrome.idle_seconds_left is None and flow.state.screen == CATALOG
    clock.advance(profile.idle_timeout_s - 5)
    flow.tick()
    assert flow.state.chrome.idle_seconds_left == 5
    session = flow.session
    clock.advance(6)
    flow.tick()
    assert flow.state.screen == ATTRACT
    assert flow.session is None and session.wiped and not session.has_personal_data()
    assert flow.state.language == core.config.language  # the next resident starts afresh


def test_finish_wipes_the_session(core):
    flow = core.flow
    flow.dispatch(bi.Start())
    session = flow.session
    session.put("form", {"phone": "13800000000"})
    flow.dispatch(it.Finish())
    assert flow.state.screen == ATTRACT and session.wiped and flow.session is None


def test_timeout_while_printing_does_not_resurrect_the_session(core, clock):
    flow = core.flow
    printer = core.devices.printer
    printer.print_delay = 0.3
    flow.dispatch(bi.Start())
    flow.dispatch(bi.OpenService(first_service(flow).code))
    flow.dispatch(bi.PrintGuide())
    clock.advance(core.config.profile.idle_timeout_s + 1)
    flow.tick()
    assert flow.state.screen == ATTRACT
    handle_done = []
    printer.submit("barrier", lambda tok: handle_done.append(True), 5).result(5)
    assert handle_done and flow.state.screen == ATTRACT


def test_elder_mode_persists_through_the_session(core):
    flow = core.flow
    flow.dispatch(it.ToggleElderMode())
    flow.dispatch(bi.Start())
    assert flow.state.elder_mode and flow.session.elder_mode
    flow.dispatch(it.Finish())
    assert not flow.state.elder_mode


def test_bank_branch_offers_only_its_services_and_says_why_not_for_others(clock):
    import datetime as dt
    from pathlib import Path

    from kiosk.config import load_config
    from kiosk.core import build_core
    root = Path(__file__).resolve().parents[3]
    cfg = load_config(root / "config" / "kiosk.toml", "bank_branch")
    monday_10am = dt.datetime(2026, 11, 23, 10, 0)
    core = build_core(cfg, clock=clock, now=lambda: monday_10am)
    try:
        flow = core.flow
        flow.dispatch(bi.Start())
        shown = {e.code for g in flow.state.page.groups for e in g.entries}
        assert "HRSS-001" in shown and "retirement" in shown and "PSB-003" not in shown
        flow.dispatch(bi.OpenBundle("retirement"))  # its items come with the offered bundle
        reasons = " ".join(r.pick("zh") for r in flow.state.page.guide.availability.reasons)
        assert core.translator.t("catalog.avail.not_offered", "zh") not in reasons
        flow.dispatch(bi.OpenService("PSB-003"))  # found by search, not offered here
        avail = flow.state.page.guide.availability
        assert not avail.ok and avail.alternatives
        assert core.translator.t("catalog.avail.not_offered", "zh") in [
            r.pick("zh") for r in avail.reasons]
        # the bank's serial devices are absent on this machine: said, not hidden
        assert any(getattr(core.devices, d).status().state.value == "no_device"
                   for d in ("card_reader", "printer"))
    finally:
        core.stop()
