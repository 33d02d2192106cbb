"""The browse journey on the fake hub: synchronous, no threads, every step and transition."""
from __future__ import annotations

from drivers.base import DeviceState, HalError
from kiosk.flow import intents as it
from kiosk.flow.browse import CATALOG, DONE, GUIDE, PRINTING
from kiosk.flow.browse import intents as bi
from kiosk.flow.browse.pages import CatalogPage, GuidePage, PrintPage
from kiosk.flow.state import ATTRACT
from kiosk.i18n import Msg, render


def open_first_service(host) -> str:
    host.dispatch(bi.Start())
    code = next(e.code for g in host.state.page.groups for e in g.entries if not e.is_bundle)
    host.dispatch(bi.OpenService(code))
    return code


def test_catalog_pages_carry_content_in_the_chrome_language(host):
    host.dispatch(bi.Start())
    page = host.state.page
    assert isinstance(page, CatalogPage) and page.language == "zh" and page.groups
    host.dispatch(bi.Browse("department"))
    assert host.state.page.browse_kind == "department"
    host.dispatch(it.SetLanguage("en"))
    en = host.state.page
    assert en.language == "en" and en.browse_kind == "department"
    assert all(g.title.pick("en").isascii() for g in en.groups)
    assert not any(g.title.pick("zh").isascii() for g in en.groups)  # every language travels


def test_search_then_back_clears_the_query_before_leaving(host):
    host.dispatch(bi.Start())
    host.dispatch(bi.Search("shebao"))
    assert host.state.page.query == "shebao" and host.state.page.results
    host.dispatch(it.Back())
    assert host.state.screen == CATALOG and host.state.page.query == ""
    host.dispatch(it.Back())
    assert host.state.screen == ATTRACT and host.session is None


def test_guide_shows_samples_and_a_version_message(host, content):
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService("HRSS-001"))
    guide = host.state.page.guide
    assert host.state.screen == GUIDE and guide.samples
    item = content.catalog.get("HRSS-001")
    assert guide.version_line == Msg.of("guide.version", version=item.version,
                                        date=item.updated.isoformat())


def test_print_success_then_back_returns_to_the_guide_not_the_printing_screen(host, hub):
    code = open_first_service(host)
    url = host.state.page.guide.url
    host.dispatch(bi.PrintGuide())
    assert host.state.screen == PRINTING
    assert host.state.page == PrintPage("printing", Msg("print.printing"), url)
    assert hub.printer.printed[-1].title == code
    hub.printer.finish()
    assert host.state.screen == DONE and host.state.page == PrintPage("done", Msg("print.done"), url)
    host.dispatch(it.Back())
    assert host.state.screen == GUIDE and host.state.page.guide.code == code


def test_print_failure_names_the_reason(host, hub):
    code = open_first_service(host)
    url = host.state.page.guide.url
    host.dispatch(bi.PrintGuide())
    hub.printer.finish(HalError("paper_out", "no paper"))
    assert host.state.page == PrintPage("failed", Msg("print.error.paper_out"), url)  # + its QR
    host.dispatch(it.Home())
    host.dispatch(bi.OpenService(code))
    host.dispatch(bi.PrintGuide())
    hub.printer.finish(HalError("never_heard_of", "?"))
    assert host.state.page.message == Msg("print.error.other")


def test_a_print_ending_after_the_resident_left_changes_nothing(host, hub):
    open_first_service(host)
    host.dispatch(bi.PrintGuide())
    host.dispatch(it.Finish())
    hub.printer.finish()
    assert host.state.screen == ATTRACT and host.session is None


def test_guide_availability_follows_live_device_status(host, hub):
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService("HRSS-001"))  # needs the printer
    assert host.state.page.guide.availability.ok
    hub.printer.set_status(DeviceState.OFFLINE)
    assert not host.state.page.guide.availability.ok
    hub.printer.set_status(DeviceState.ONLINE)
    assert host.state.page.guide.availability.ok


def test_answers_and_bundle_choices_survive_a_language_switch(host, content):
    host.dispatch(bi.Start())
    bundle = next(iter(content.catalog.bundles.values()))
    host.dispatch(bi.OpenBundle(bundle.id))
    items = host.state.page.guide.bundle_items
    host.dispatch(bi.ToggleBundleItem(items[-1][0]))
    chosen = host.state.page.guide.chosen()
    assert chosen == {c for c, _, _ in items[:-1]}
    host.dispatch(it.SetLanguage("en"))
    guide = host.state.page.guide
    assert guide.language == "en" and guide.chosen() == chosen
    assert guide.title.pick("en").isascii()
    for code in chosen:  # the last item cannot be left out
        host.dispatch(bi.ToggleBundleItem(code))
    assert len(host.state.page.guide.chosen()) == 1


def test_an_ineligible_answer_blocks_the_guide(host, content):
    item = content.catalog.get("CIVIL-002")
    question = item.eligibility[0]
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService("CIVIL-002"))
    host.dispatch(bi.AnswerQuestion(question.id, question.ineligible_answer))
    guide = host.state.page.guide
    assert not guide.availability.ok
    assert guide.questions[0].answer == question.ineligible_answer
    host.dispatch(bi.AnswerQuestion(question.id, "maybe"))  # not an answer: ignored
    assert host.state.page.guide == guide


def test_guide_intents_are_ignored_off_the_guide_screen(host, hub):
    host.dispatch(bi.Start())
    page = host.state.page
    host.dispatch(bi.PrintGuide())
    host.dispatch(bi.ToggleBundleItem("x"))
    assert host.state.page is page and not hub.printer.printed


def test_warm_up_offers_a_catalog_and_a_guide_without_changing_state(host):
    before = host.state
    states = host.preview_states()
    assert [s.screen for s in states] == [CATALOG, GUIDE]
    assert isinstance(states[1].page, GuidePage)
    assert host.state is before and host.session is None


def test_screens_render_messages_in_either_language(host, hub):
    open_first_service(host)
    host.dispatch(bi.PrintGuide())
    msg = host.state.page.message
    assert render(msg, "zh") != render(msg, "en")
    assert "[" not in render(msg, "zh") + render(msg, "en")
