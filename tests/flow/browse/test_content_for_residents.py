"""Browse content for residents: printing that cannot work fails at once, honest marks and chips."""
from __future__ import annotations

from drivers.base import DeviceState, MediaState
from kiosk.config import load_config
from kiosk.core import DEFAULT_CONFIG, build_core
from kiosk.flow.browse import intents as bi


def _to_guide(host, code):
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService(code))
    return host.state.page.guide


def test_a_printer_without_paper_blocks_print_and_fails_at_once_with_the_url(host, hub):
    hub.printer.set_status(DeviceState.ONLINE, MediaState.PAPER_OUT)
    guide = _to_guide(host, "HRSS-001")
    assert guide.print_blocked is not None and guide.print_blocked.key == "print.error.paper_out"
    host.dispatch(bi.PrintGuide())
    page = host.state.page
    assert host.state.screen == "done" and page.state == "failed"
    assert page.url == guide.url and "HRSS-001" in page.url
    assert hub.printer.printed == []  # nothing was sent to wait for a timeout


def test_a_working_printer_is_not_blocked_and_prints(host, hub):
    guide = _to_guide(host, "HRSS-001")
    assert guide.print_blocked is None
    host.dispatch(bi.PrintGuide())
    assert host.state.screen == "printing" and len(hub.printer.printed) == 1
    hub.printer.finish()
    assert host.state.screen == "done" and host.state.page.state == "done"


def test_a_missing_camera_blocks_photographing(host, hub):
    hub.document_camera.set_status(DeviceState.NO_DEVICE)
    guide = _to_guide(host, "HRSS-003")
    assert guide.scannable and guide.scan_blocked.key == "device.blocked.missing"


def test_the_here_mark_follows_channels_and_hours(content):
    entries = {e.code: e for g in content.browse("department", "zh") for e in g.entries}
    assert entries["HRSS-001"].here and not entries["HEALTH-001"].here  # window-only
    bundles = {e.code: e for g in content.browse("life_event", "zh") for e in g.entries}
    assert bundles["newborn"].here  # three items here; the window-only one is done elsewhere
    from testkit.fake_hub import FakeDeviceHub
    guide = content.bundle_guide("newborn", {"HEALTH-001"}, "zh", FakeDeviceHub().statuses())
    reasons = [r.pick("zh") for r in guide.availability.reasons]  # only the window-only item chosen
    assert not guide.availability.ok and reasons and len(reasons) == len(set(reasons))
    assert any(r.startswith("出生医学证明首次签发：") for r in reasons)  # names its item


def test_chips_and_bundle_reasons_in_the_bank_branch():
    core = build_core(load_config(DEFAULT_CONFIG, "bank_branch"), start_devices=False)
    content = core.content
    for lang in ("zh", "en"):
        chips = content.hot_keywords(lang)
        assert chips
        for word in chips:  # every chip finds something this branch offers
            assert any(content._offered(h.entry) for h in content.catalog.search(word, lang, 20))
        all_words = [g[0] for g in content._synonyms if g and g[0].isascii() == (lang == "en")]
        assert len(chips) < min(8, len(all_words))  # some were dropped here
    guide = content.bundle_guide("retirement", None, "zh", core.devices.statuses())
    reasons = [r.pick("zh") for r in guide.availability.reasons]
    assert len(reasons) == len(set(reasons)) and all("：" in r for r in reasons)
