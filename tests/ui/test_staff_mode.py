"""Staff mode in a real Kivy window: hidden corner, refused without credentials, lockout, an action."""
from __future__ import annotations

import time

import pytest

from kiosk.flow import intents as it
from kiosk.staff.audit import AuditLog
from kiosk.staff.auth import StaffAuthenticator, StaffMember, StaffRegistry, totp

pytestmark = pytest.mark.ui
SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


@pytest.fixture
def staff_ui(fresh, tmp_path):
    staff = fresh.app.core.staff
    saved = staff.auth, staff.audit
    registry = StaffRegistry([StaffMember.enrol("S0042", "110101199003074514", "482916", SECRET)])
    staff.auth = StaffAuthenticator(registry, fresh.clock, time.time)
    staff.audit = AuditLog(tmp_path / "audit.jsonl")
    fresh.app.core.devices.card_reader.remove_card()  # an earlier test's resident card must not sign in
    yield fresh
    staff.auth, staff.audit = saved
    if fresh.app.flow.state.screen in ("staff", "staff_login"):
        fresh.app.send(it.Finish())


def open_login(ui, lang):
    ui.app.send(it.SetLanguage(lang))
    ui.pump(2)
    corner = ui.screen("attract").ids.staff_corner
    for _ in range(5):
        ui.tap(corner)
    ui.wait_screen("staff_login")


def type_code(ui, code):
    ids = ui.screen("staff_login").ids
    ids.staff_no.text = "S0042"
    ids.code.text = code
    ui.tap(ids.totp_button)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_refused_then_locked_then_an_action_is_audited(staff_ui, lang):
    ui = staff_ui
    t = ui.app.translator.t
    open_login(ui, lang)
    ids = ui.screen("staff_login").ids
    assert ids.pin_button.disabled, "no PIN without a staff card"
    ui.screenshot(f"{lang}-staff-login")
    type_code(ui, "")
    ui.wait_for(lambda: ids.message.text == t("staff.login.refused", lang), "refused")
    assert ui.app.flow.state.screen == "staff_login"
    for _ in range(4):
        type_code(ui, "000000")
    ui.wait_for(lambda: ids.message.text == t("staff.login.locked", lang, minutes=5), "locked")
    type_code(ui, totp(SECRET, time.time()))
    assert ui.app.flow.state.screen == "staff_login", "locked out: even the right code waits"
    ui.screenshot(f"{lang}-staff-locked")
    ui.app.core.staff.auth.locked_until = 0  # five minutes pass
    type_code(ui, totp(SECRET, time.time()))
    ui.wait_screen("staff")
    staff = ui.screen("staff").ids
    assert "printer" in staff.devices.text and "S0042" in staff.title.text
    ui.tap(staff.print_test)
    ui.wait_for(lambda: staff.message.text == t("staff.action.printed", lang), "slip printed",
                limit_s=20)
    ui.screenshot(f"{lang}-staff-screen")
    actions = [e["action"] for e in ui.app.core.staff.audit.entries()]
    assert "print_test" in actions and actions.count("staff_login") == 7
    ui.tap(staff.leave)
    ui.wait_screen("attract")
    assert ui.app.flow.session is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_out_of_service_screen_says_where_to_go(fresh, lang):
    ui = fresh
    ui.app.send(it.SetLanguage(lang))
    ui.pump(2)
    state = ui.app.core.staff.state
    state.take_out_of_service("fleet", "fleet")
    try:
        ui.wait_screen("out_of_service")
        ids = ui.screen("out_of_service").ids
        assert ids.title.text and ids.reason.text
        shown = ids.alternative.text.replace("\n", " " if lang == "en" else "")
        assert "12345" in shown
        assert ui.app.config_obj.profile.help_point[lang] in shown
        assert not ui.app.flow.state.chrome.in_session, "no Home or Back into the services"
        ui.screenshot(f"{lang}-out-of-service")
    finally:
        state.back_in_service("fleet")
    ui.wait_screen("attract")
