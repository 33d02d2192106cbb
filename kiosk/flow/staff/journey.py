"""StaffJourney: the hidden gesture, login, the staff screen, and the out-of-service screen."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.flow.events import SessionEnded, StaffCalled
from kiosk.flow.journey import Journey
from kiosk.flow.staff import intents as si
from kiosk.flow.staff.actions_step import ActionsStep
from kiosk.flow.staff.login_step import LoginStep
from kiosk.flow.staff.pages import OUT_OF_SERVICE, STAFF, STAFF_LOGIN, OutOfServicePage, StaffPage
from kiosk.flow.staff.services import StaffServices
from kiosk.flow.staff.snapshot import staff_page
from kiosk.flow.staff.transitions import TRANSITIONS
from kiosk.flow.state import ATTRACT
from kiosk.i18n import Localized, Msg
from kiosk.staff.audit import AuditLog
from kiosk.staff.auth import StaffAuthenticator, StaffRegistry
from kiosk.staff.availability import availability_lines, broken_devices, needed_devices
from kiosk.staff.service_state import OutOfService

HOTLINE = "12345"


class StaffJourney(Journey):
    """Staff mode; without `attach(services)` nobody is registered and login always fails."""

    name = "staff"
    screens = (STAFF_LOGIN, STAFF, OUT_OF_SERVICE)
    resting_screens = frozenset({OUT_OF_SERVICE})
    transitions = TRANSITIONS

    def __init__(self, host: Any) -> None:
        super().__init__(host)
        self.services = StaffServices(StaffAuthenticator(StaffRegistry([]), host.clock),
                                      AuditLog(None))
        self.staff_no: str | None = None
        self.staff_session = 0  # bumped on every login and wipe: late callbacks check it
        self.calls = 0
        self.login = LoginStep(self)
        self.actions = ActionsStep(self)
        self.services.state.add_listener(self._service_changed)
        host.subscribe(StaffCalled, self._staff_called)
        host.subscribe(SessionEnded, lambda _e: self.show_out_of_service_if_needed())
        self.needed = needed_devices(host.content)
        self._devices_changed()

    def attach(self, services: StaffServices) -> None:
        """Use the configured registry, audit log, outbox and service state (core and tests)."""
        self.services = services
        services.state.add_listener(self._service_changed)
        self._devices_changed()

    def handlers(self) -> dict:
        """Login, leave, and the staff screen's actions."""
        return {**self.login.handlers(), **self.actions.handlers(), si.LeaveStaff: self.leave}

    def audit(self, staff: str, action: str, **fields: Any) -> None:
        """One audit line, written off the caller's thread."""
        self.host.executor.submit(self.services.audit.record, staff, action, **fields)

    # --- staff session --------------------------------------------------------------------
    def open_staff(self, staff_no: str) -> None:
        """Authenticated: a fresh session (wiped on leave or idle timeout) and the staff screen."""
        self.host.begin_session()
        self.staff_no = staff_no
        self.staff_session += 1
        self.host.show(STAFF, StaffPage(staff=staff_no, calls=self.calls))
        self.refresh_staff()

    def refresh_staff(self, message: Msg | None = None) -> None:
        """Read devices and outbox on the executor, then show them with message."""
        session, staff = self.staff_session, self.staff_no or "-"
        future = self.host.executor.submit(staff_page, staff, self.host.devices,
                                           self.host.content, self.services, self.calls)

        def done(f: Any) -> None:
            with self.host.lock:
                if session == self.staff_session and self.host.state.screen == STAFF:
                    self.host.update(replace(f.result(), message=message))
        future.add_done_callback(done)

    def leave(self, _: si.LeaveStaff) -> None:
        """Wipe the staff session; residents see attract or out of service."""
        self.audit(self.staff_no or "-", "staff_leave")
        self.host.end_session()
        self.show_out_of_service_if_needed()

    def on_leave(self, old: Any, new: Any) -> None:
        """Leaving staff mode by any way (Home, a journey's intent): the staff session is wiped."""
        if old.screen in (STAFF_LOGIN, STAFF) and new.screen not in (STAFF_LOGIN, STAFF):
            self.reset()

    def reset(self) -> None:
        """Any session ended: forget the staff member and the card (calls stay until answered)."""
        self.staff_no = None
        self.staff_session += 1
        self.login.reset()

    # --- out of service -------------------------------------------------------------------
    def out_of_service_page(self, why: OutOfService) -> OutOfServicePage:
        """Why, and the nearest alternative: the branch's help point and the 12345 hotline."""
        return OutOfServicePage(Msg(f"staff.oos.reason.{why.reason}"),
                                Msg.of("staff.oos.alternative",
                                       place=Localized.of(self._help_point()),
                                       hotline=HOTLINE))

    def show_out_of_service_if_needed(self) -> None:
        """On the attract screen while out of service: show the out-of-service screen instead."""
        with self.host.lock:
            why = self.services.state.out_of_service
            if why is not None and self.host.state.screen == ATTRACT:
                self.host.show(OUT_OF_SERVICE, self.out_of_service_page(why))

    def _service_changed(self, what: object) -> None:
        with self.host.lock:
            screen = self.host.state.screen
            if what is None and screen == OUT_OF_SERVICE:
                self.host.end_session()
            elif isinstance(what, OutOfService):
                self.show_out_of_service_if_needed()  # a resident mid-session finishes first
            if screen == STAFF:
                self.refresh_staff(self.host.state.page.message)

    def on_device_event(self, event: Any) -> None:
        """A status change: the attract screen's lines on what works and what does not."""
        if event.kind == "status":
            self._devices_changed()
            if self.host.state.screen == STAFF:
                self.refresh_staff(self.host.state.page.message)

    def _devices_changed(self) -> None:
        with self.host.lock:
            broken = broken_devices(self.host.devices.statuses(), self.needed)
            self.host.set_attract_availability(
                availability_lines(broken, self.needed, self._help_point()))
            # Reading guides needs no device, so devices alone never mean "nothing works": the
            # out-of-service screen is for staff and fleet (ServiceState); here, honest lines.

    def _help_point(self) -> Any:
        profile = getattr(self.host.content, "profile", None)
        return getattr(profile, "help_point", None) or {"zh": "服务大厅", "en": "the service hall"}

    def _staff_called(self, _event: StaffCalled) -> None:
        with self.host.lock:
            self.calls += 1
            if self.host.state.screen == STAFF:
                self.host.update(replace(self.host.state.page, calls=self.calls))
