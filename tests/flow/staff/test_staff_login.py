"""Staff mode is reached by the hidden gesture and opens only with staff credentials."""
from __future__ import annotations

import base64
import json

from kiosk.flow.staff import intents as si
from kiosk.flow.staff.pages import STAFF, STAFF_LOGIN
from kiosk.flow.state import ATTRACT
from kiosk.staff.auth import StaffRegistry, totp

from tests.flow.staff.conftest import STAFF_ID, STAFF_PIN, TOTP_SECRET, Card


def tap(host, times, every=0.5):
    for _ in range(times):
        host.dispatch(si.CornerTap())
        host.clock.advance(every)


def open_login(host):
    tap(host, 5)
    assert host.state.screen == STAFF_LOGIN


def test_five_quick_corner_taps_open_the_login_and_slow_ones_do_not(staff_host, clock):
    tap(staff_host, 4)
    assert staff_host.state.screen == ATTRACT
    clock.advance(10)
    tap(staff_host, 5, every=0.9)  # 3.6 s from first to fifth
    assert staff_host.state.screen == ATTRACT
    clock.advance(10)
    tap(staff_host, 5, every=0.5)
    assert staff_host.state.screen == STAFF_LOGIN
    assert staff_host.devices.card_reader.pending, "the login asks the card reader at once"


def test_refused_without_credentials(staff_host):
    open_login(staff_host)
    staff_host.dispatch(si.SubmitPin(STAFF_PIN))
    assert staff_host.state.screen == STAFF_LOGIN
    assert staff_host.state.page.message.key == "staff.login.card_first"
    staff_host.dispatch(si.SubmitTotp("", ""))
    assert staff_host.state.screen == STAFF_LOGIN
    assert staff_host.state.page.message.key == "staff.login.refused"


def test_a_stranger_card_with_the_right_pin_is_refused(staff_host):
    open_login(staff_host)
    staff_host.devices.card_reader.pending.pop().finish(Card("110101198001010013"))
    staff_host.dispatch(si.SubmitPin(STAFF_PIN))
    assert staff_host.state.screen == STAFF_LOGIN
    assert staff_host.state.page.message.key == "staff.login.refused"


def test_staff_card_and_pin_open_the_staff_screen(staff_host, services):
    open_login(staff_host)
    staff_host.devices.card_reader.pending.pop().finish(Card(STAFF_ID))
    assert staff_host.state.page.card_read
    staff_host.dispatch(si.SubmitPin(STAFF_PIN))
    page = staff_host.state.page
    assert staff_host.state.screen == STAFF and page.staff == "S0042"
    assert {d.name for d in page.devices} >= {"printer", "card_reader", "locker"}
    assert page.app_version and page.catalog_version not in ("", "-")
    logins = [e for e in services.audit.entries() if e["action"] == "staff_login"]
    assert logins[-1]["ok"] is True and logins[-1]["staff"] == "S0042"


def test_totp_code_opens_staff_mode_and_a_stale_code_does_not(staff_host, wall):
    open_login(staff_host)
    staff_host.dispatch(si.SubmitTotp("S0042", totp(TOTP_SECRET, wall.t - 600)))
    assert staff_host.state.screen == STAFF_LOGIN
    staff_host.dispatch(si.SubmitTotp("S0042", totp(TOTP_SECRET, wall.t)))
    assert staff_host.state.screen == STAFF


def test_five_failures_lock_out_even_the_right_code_for_five_minutes(staff_host, clock, wall):
    open_login(staff_host)
    for _ in range(5):
        staff_host.dispatch(si.SubmitTotp("S0042", "000000"))
    assert staff_host.state.page.locked_for_s == 300
    assert staff_host.state.page.message.key == "staff.login.locked"
    staff_host.dispatch(si.SubmitTotp("S0042", totp(TOTP_SECRET, wall.t)))
    assert staff_host.state.screen == STAFF_LOGIN, "locked: the right code is refused too"
    clock.advance(299)
    staff_host.dispatch(si.SubmitTotp("S0042", totp(TOTP_SECRET, wall.t)))
    assert staff_host.state.screen == STAFF_LOGIN
    clock.advance(2)
    staff_host.dispatch(si.SubmitTotp("S0042", totp(TOTP_SECRET, wall.t)))
    assert staff_host.state.screen == STAFF


def test_the_registry_stores_no_id_number_or_pin(tmp_path, services):
    text = (tmp_path / "config" / "staff.json").read_text()
    assert STAFF_ID not in text and STAFF_PIN not in text
    assert oct((tmp_path / "config" / "staff.json").stat().st_mode & 0o777) == "0o600"
    member = StaffRegistry.load(tmp_path / "config" / "staff.json").by_number("S0042")
    assert member.matches_card(STAFF_ID.lower()) and not member.matches_pin("482917")
    assert json.loads(text)["staff"][0]["staff_no"] == "S0042"


def test_totp_matches_rfc_6238_vectors():
    key = base64.b32encode(b"12345678901234567890").decode()
    assert totp(key, 59, digits=8) == "94287082"
    assert totp(key, 1111111109, digits=8) == "07081804"
    assert totp(key, 20000000000, digits=8) == "65353130"


def test_enrol_tool_stores_hashes_and_refuses_a_short_pin(tmp_path, capsys):
    from kiosk.staff.enrol import main
    path = tmp_path / "staff.json"
    answers = iter([STAFF_ID, "12"])
    assert main(["S7", "--registry", str(path)], ask=lambda _p: next(answers)) == 2
    assert not path.exists()
    answers = iter([STAFF_ID, STAFF_PIN])
    assert main(["S7", "--registry", str(path)], ask=lambda _p: next(answers)) == 0
    assert STAFF_ID not in path.read_text() and STAFF_PIN not in path.read_text()
    member = StaffRegistry.load(path).by_card(STAFF_ID)
    assert member.staff_no == "S7" and member.matches_pin(STAFF_PIN)
    assert member.totp_secret in capsys.readouterr().out
