"""The hidden gesture and staff login: ID card + PIN, or staff number + TOTP, with lockout."""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from kiosk.flow.staff import intents as si
from kiosk.flow.staff.pages import STAFF_LOGIN, LoginPage
from kiosk.i18n import Msg

if TYPE_CHECKING:
    from kiosk.flow.staff.journey import StaffJourney

GESTURE_TAPS = 5
GESTURE_WINDOW_S = 3.0


class LoginStep:
    """Counts corner taps; reads the card; checks credentials on the executor (scrypt is slow)."""

    def __init__(self, journey: "StaffJourney") -> None:
        self.journey = journey
        self.host = journey.host
        self._taps: deque[float] = deque(maxlen=GESTURE_TAPS)
        self._card_id: str | None = None  # held only until the PIN is checked
        self._attempt = 0

    def handlers(self) -> dict:
        """The login intents."""
        return {si.CornerTap: self.corner_tap, si.ReadStaffCard: self.read_card,
                si.SubmitPin: self.submit_pin, si.SubmitTotp: self.submit_totp}

    def reset(self) -> None:
        """Forget the card and the taps."""
        self._card_id = None
        self._taps.clear()
        self._attempt += 1

    def corner_tap(self, _: si.CornerTap) -> None:
        """Five taps within three seconds open the login screen."""
        now = self.host.clock()
        self._taps.append(now)
        if len(self._taps) == GESTURE_TAPS and now - self._taps[0] <= GESTURE_WINDOW_S:
            self._taps.clear()
            self.journey.audit("-", "staff_gesture")
            self.host.show(STAFF_LOGIN, self._page(Msg("staff.login.prompt")))
            self.read_card(si.ReadStaffCard())

    def _page(self, message: Msg | None, card_read: bool = False) -> LoginPage:
        locked = self.journey.services.auth.locked_for()
        if locked:
            return LoginPage(card_read, Msg.of("staff.login.locked", minutes=-(-locked // 60)),
                             locked)
        return LoginPage(card_read, message)

    def read_card(self, _: si.ReadStaffCard) -> None:
        """Ask the card reader for the staff card; the PIN field follows a good read."""
        attempt = self._attempt
        try:
            handle = self.host.devices.card_reader.read_card(timeout=30.0)
        except Exception:  # a reader that cannot even take the command: TOTP still works
            self.host.update(self._page(Msg("staff.login.card_unavailable")))
            return
        handle.add_done_callback(lambda h: self._card_done(h, attempt))

    def _card_done(self, handle: Any, attempt: int) -> None:
        with self.host.lock:
            if attempt != self._attempt or self.host.state.screen != STAFF_LOGIN:
                return
            error = handle.exception()
            if error is not None:
                self.host.update(self._page(Msg("staff.login.card_unavailable")))
                return
            self._card_id = handle.result().id_number
            self.host.update(self._page(Msg("staff.login.enter_pin"), card_read=True))

    def submit_pin(self, intent: si.SubmitPin) -> None:
        """Check the card read before and this PIN."""
        if self._card_id is None:
            self.host.update(self._page(Msg("staff.login.card_first")))
            return
        card, self._card_id = self._card_id, None
        self._check(lambda auth: auth.card_and_pin(card, intent.pin), "card_pin")

    def submit_totp(self, intent: si.SubmitTotp) -> None:
        """Check a staff number and its TOTP code."""
        self._check(lambda auth: auth.totp_code(intent.staff_no.strip(), intent.code.strip()),
                    "totp")

    def _check(self, attempt_fn, method: str) -> None:
        attempt = self._attempt
        auth = self.journey.services.auth
        future = self.host.executor.submit(lambda: attempt_fn(auth))
        future.add_done_callback(lambda f: self._checked(f.result(), method, attempt))

    def _checked(self, result, method: str, attempt: int) -> None:
        with self.host.lock:
            self.journey.audit(result.staff_no or "-", "staff_login", method=method,
                               ok=result.ok, reason=result.reason)
            if attempt != self._attempt or self.host.state.screen != STAFF_LOGIN:
                return
            if result.ok:
                self.journey.open_staff(result.staff_no)
            elif result.reason == "locked":
                self.host.update(self._page(None))
            else:
                self.host.update(self._page(Msg("staff.login.refused")))
