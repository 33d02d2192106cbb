"""'Can it be done here, now?': simulated devices, hours, branch offer, eligibility, alternatives."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from drivers.base import DeviceState, DeviceStatus, MediaState
from drivers.registry import build_driver
from kiosk.catalog import WeeklyHours, check

ROOT = Path(__file__).resolve().parents[2]
WEDNESDAY_10 = datetime(2024, 6, 5, 10, 0)
SUNDAY_23 = datetime(2024, 6, 9, 23, 0)


@pytest.fixture()
def devices():
    """The in-process simulated card reader and printer, started and stopped by the test."""
    workers = {name: build_driver(name, "simulator", {}) for name in ("card_reader", "printer")}
    for worker in workers.values():
        worker.start()
    try:
        yield workers
    finally:
        for worker in workers.values():
            worker.stop()


def live(workers):
    return {name: worker.status() for name, worker in workers.items()}


def test_all_good_is_ok(shipped, devices):
    catalog, _ = shipped
    result = check(catalog.get("HRSS-001"), live(devices), WEDNESDAY_10, None, None, {})
    assert result.ok and result.reasons == () and result.unanswered == ()


def test_printer_offline_says_why_and_what_instead(shipped, devices):
    catalog, _ = shipped
    devices["printer"].set_offline(True)
    result = check(catalog.get("HRSS-001"), live(devices), WEDNESDAY_10)
    assert not result.ok and result.codes == ("device_unavailable",)
    message = result.reasons[0][1]
    assert "打印机" in message.zh and "离线" in message.zh and "printer" in message.en
    assert "二楼B区社保窗口" in result.alternatives.zh and "09:00-12:00" in result.alternatives.zh
    assert "https://zwfw.example.gov.cn/hrss" in result.alternatives.en
    assert "0000-12345601" in result.alternatives.zh and "12345" in result.alternatives.zh


def test_printer_out_of_paper_and_missing_device(shipped, devices):
    catalog, _ = shipped
    devices["printer"].set_paper_out(True)
    status = live(devices)
    result = check(catalog.get("HRSS-003"), status, WEDNESDAY_10)  # also needs a document camera
    assert set(result.codes) == {"device_unavailable", "device_missing"}
    assert any("缺纸" in msg.zh for _, msg in result.reasons)
    missing = [msg for code, msg in result.reasons if code == "device_missing"]
    assert len(missing) == 1 and "高拍仪" in missing[0].zh and "document camera" in missing[0].en


def test_reader_busy_still_counts_as_usable(shipped):
    catalog, _ = shipped
    status = {"card_reader": DeviceStatus("card_reader", DeviceState.BUSY, MediaState.PRESENT),
              "printer": DeviceStatus("printer", DeviceState.ONLINE, MediaState.PAPER_LOW)}
    assert check(catalog.get("HRSS-001"), status, WEDNESDAY_10).ok


def test_service_hours_closed_gives_next_opening(shipped, devices):
    catalog, _ = shipped
    item = catalog.get("HRSS-006")  # self-service Mon-Fri 08:00-18:00
    result = check(item, live(devices), SUNDAY_23)
    assert result.codes == ("service_closed",)
    assert result.next_open == datetime(2024, 6, 10, 8, 0)
    assert "周一" in result.reasons[0][1].zh and "08:00" in result.reasons[0][1].zh


def test_branch_closed_and_not_offered(shipped, devices):
    catalog, _ = shipped
    branch = WeeklyHours.parse("Mon-Fri 09:00-17:00")
    result = check(catalog.get("HRSS-001"), live(devices), SUNDAY_23, {"PSB-003"}, branch, {})
    assert result.codes == ("not_offered", "branch_closed")
    assert result.next_open == datetime(2024, 6, 10, 9, 0)
    assert check(catalog.get("HRSS-001"), live(devices), WEDNESDAY_10, {"HRSS-001"}, branch).ok


def test_eligibility_answers(shipped, devices):
    catalog, _ = shipped
    item = catalog.get("HRSS-004")
    devices_ok = dict(live(devices), document_camera=DeviceStatus("document_camera", DeviceState.ONLINE))
    pending = check(item, devices_ok, WEDNESDAY_10, None, None, {})
    assert pending.ok and pending.unanswered == ("voluntary_quit", "one_year_paid")
    answers = {"voluntary_quit": "yes", "one_year_paid": "yes"}
    result = check(item, devices_ok, WEDNESDAY_10, None, None, answers)
    assert result.codes == ("ineligible",) and "主动辞职不能领取" in result.reasons[0][1].zh
    assert check(item, devices_ok, WEDNESDAY_10, None, None,
                 {"voluntary_quit": "no", "one_year_paid": "yes"}).ok


def test_window_only_item_is_not_self_service(shipped, devices):
    catalog, _ = shipped
    result = check(catalog.get("HPF-003"), live(devices), WEDNESDAY_10)
    assert "not_self_service" in result.codes and not result.ok


@pytest.mark.parametrize("profile", ["booth_24h", "bank_branch", "post_office"])
@pytest.mark.parametrize("when", [WEDNESDAY_10, SUNDAY_23])
def test_reasons_never_contradict_each_other_or_the_branch(shipped, devices, profile, when):
    """No "closed now, next opening: none"; nothing but "not here" for what is never done here."""
    from kiosk.config import load_config
    catalog, _ = shipped
    config = load_config(ROOT / "config" / "kiosk.toml", profile)
    branch = WeeklyHours.parse(config.profile.opening_hours)
    offers = None if config.profile.services is None else set(config.profile.services)
    for item in catalog.items.values():
        for lang in ("zh", "en"):
            result = check(item, live(devices), when, offers, branch, {})
            text = " ".join(msg.pick(lang) for _, msg in result.reasons)
            assert "none" not in text and "暂无开放时间" not in text and "：无" not in text
            if {"not_self_service", "not_offered"} & set(result.codes):
                assert not {"device_missing", "device_unavailable", "service_closed"} & set(result.codes)
            if branch.always:
                assert "branch_closed" not in result.codes


def test_a_window_only_item_in_the_24h_booth_just_says_not_here(shipped, devices):
    catalog, _ = shipped
    result = check(catalog.get("HEALTH-001"), live(devices), SUNDAY_23, None, WeeklyHours.parse("24h"))
    assert result.codes == ("not_self_service",) and result.next_open is None


def test_self_service_hours_that_never_open_say_so_plainly(shipped, devices):
    import dataclasses
    catalog, _ = shipped
    item = dataclasses.replace(catalog.get("HRSS-001"), self_service_hours=WeeklyHours.parse("closed"))
    result = check(item, live(devices), WEDNESDAY_10)
    assert result.codes == ("service_closed",)
    assert "窗口" in result.reasons[0][1].zh and "next" not in result.reasons[0][1].en.lower()


def test_opening_status_for_the_attract_screen():
    from kiosk.catalog import opening_status
    bank = WeeklyHours.parse("Mon-Fri 09:00-17:00; Sat-Sun 09:30-16:00")
    closed = opening_status(bank, SUNDAY_23)
    assert not closed.open_now and closed.next_open == datetime(2024, 6, 10, 9, 0)
    assert opening_status(bank, WEDNESDAY_10).open_now
    booth = opening_status(WeeklyHours.parse("24h"), SUNDAY_23)
    assert booth.open_now and booth.always and booth.next_open is None
