"""Out of service, honestly: the attract screen says what works when a needed device fails."""
from __future__ import annotations

from drivers.base import DeviceState, MediaState
from kiosk.flow.staff.pages import OUT_OF_SERVICE
from kiosk.flow.state import ATTRACT
from kiosk.staff.availability import needed_devices


def keys(lines):
    return [(m.key, getattr(m.param("feature"), "key", None)) for m in lines]


def test_all_working_says_nothing(staff_host):
    assert staff_host.state.screen == ATTRACT and staff_host.state.page.availability == ()


def test_paper_out_says_printing_is_unavailable_and_what_still_works(staff_host):
    staff_host.devices.printer.set_status(DeviceState.ONLINE, MediaState.PAPER_OUT)
    lines = staff_host.state.page.availability
    assert ("staff.degraded.unavailable", "staff.feature.printer") in keys(lines)
    assert ("staff.degraded.works", "staff.feature.browse") in keys(lines)
    assert ("staff.degraded.works", "staff.feature.card_reader") in keys(lines)
    assert lines[-1].key == "staff.oos.alternative" and lines[-1].param("hotline") == "12345"
    staff_host.devices.printer.set_status(DeviceState.ONLINE, MediaState.PAPER_FULL)
    assert staff_host.state.page.availability == ()


def test_every_device_down_still_offers_guides_and_says_where_to_go(staff_host, content):
    needed = needed_devices(content)
    assert {"printer", "card_reader"} <= needed
    for name in sorted(needed):
        staff_host.devices.devices[name].set_status(DeviceState.HARDWARE_ERROR)
    assert staff_host.state.screen == ATTRACT, "reading guides needs no device"
    lines = keys(staff_host.state.page.availability)
    assert [f for k, f in lines if k == "staff.degraded.works"] == ["staff.feature.browse"]
    assert len([k for k, _ in lines if k == "staff.degraded.unavailable"]) == len(needed)


def test_staff_out_of_service_is_not_undone_by_a_device_recovering(staff_host, services):
    services.state.take_out_of_service("staff:S0042")
    assert staff_host.state.screen == OUT_OF_SERVICE
    staff_host.devices.printer.set_status(DeviceState.HARDWARE_ERROR)
    staff_host.devices.printer.set_status(DeviceState.ONLINE)
    assert staff_host.state.screen == OUT_OF_SERVICE
