"""Staff mode's screens: login, the staff screen, and the out-of-service screen residents see."""
from __future__ import annotations

from kivy.uix.screenmanager import Screen

from kiosk.flow.staff import intents as si
from kiosk.flow.staff.pages import LoginPage, OutOfServicePage, StaffPage
from kiosk.flow.state import Chrome
from screens.widgets import BigButton, say, send, tr


def corner_tap() -> None:
    """One tap in the hidden corner (five within three seconds open the staff login)."""
    send(si.CornerTap())


class StaffLoginScreen(Screen):
    """Staff card + PIN, or staff number + one-time code."""

    def read_card(self) -> None:
        """Read the staff card again."""
        send(si.ReadStaffCard())

    def leave(self) -> None:
        """Back to the residents' screens."""
        send(si.LeaveStaff())

    def submit_pin(self) -> None:
        """Check the card read before and the PIN typed."""
        pin, self.ids.pin.text = self.ids.pin.text, ""
        send(si.SubmitPin(pin))

    def submit_totp(self) -> None:
        """Check the staff number and the one-time code."""
        code, self.ids.code.text = self.ids.code.text, ""
        send(si.SubmitTotp(self.ids.staff_no.text, code))

    def render(self, page: LoginPage, chrome: Chrome) -> None:
        """Prompts in the chrome's language; the PIN row only after a card was read."""
        ids = self.ids
        ids.title.text = tr("staff.login.title")
        ids.message.text = say(page.message)
        ids.pin.hint_text = tr("staff.login.pin")
        ids.staff_no.hint_text = tr("staff.login.staff_no")
        ids.code.hint_text = tr("staff.login.code")
        ids.pin_button.text = ids.totp_button.text = tr("staff.login.submit")
        ids.pin_button.disabled = ids.pin.disabled = not page.card_read
        ids.read_card.text = tr("staff.login.read_card")
        ids.leave.text = tr("staff.leave")


def _devices(page: StaffPage) -> str:
    return "\n".join(f"{d.name}: {d.state} / {d.media} {d.detail}".rstrip() + f"\n    {d.diagnostics}"
                     for d in page.devices)


def _outbox(page: StaffPage) -> str:
    counts = "  ".join(f"{state} {n}" for state, n in page.outbox_counts)
    rows = [f"{e.ref} {e.kind} {e.state} ×{e.attempts} {e.error}" for e in page.outbox_entries]
    return "\n".join([counts or "-"] + rows)


class StaffScreen(Screen):
    """Devices, outbox, paper, locker, versions; the actions; the call-staff banner."""

    def send(self, name: str, *args: object) -> None:
        """Send the staff intent of that name (from the kv rule's buttons)."""
        send(getattr(si, name)(*args))

    def render(self, page: StaffPage, chrome: Chrome) -> None:
        """Fill in the staff screen's data; retry buttons for failed outbox items."""
        ids = self.ids
        ids.title.text = tr("staff.title", staff=page.staff)
        ids.banner.text = tr("staff.calls", n=page.calls) if page.calls else ""
        ids.acknowledge.opacity = 1 if page.calls else 0
        ids.acknowledge.disabled = not page.calls
        ids.acknowledge.text = tr("staff.button.acknowledge")
        ids.message.text = say(page.message)
        self.in_service = page.in_service
        ids.service.text = tr("staff.in_service" if page.in_service else "staff.not_in_service")
        ids.devices_title.text = tr("staff.devices")
        ids.devices.text = _devices(page)
        ids.outbox_title.text = tr("staff.outbox")
        ids.outbox.text = _outbox(page)
        ids.facts.text = "\n".join((tr("staff.paper", state=page.paper),
                                    tr("staff.locker", state=page.locker),
                                    tr("staff.versions", catalog=page.catalog_version,
                                       app=page.app_version)))
        for key, button in (("refresh", ids.refresh), ("print_test", ids.print_test),
                            ("paper", ids.paper), ("restart", ids.restart)):
            button.text = tr(f"staff.button.{key}")
        ids.locker_door.text = tr("staff.button.locker", door=1)
        ids.service_toggle.text = tr("staff.button.out_of_service" if page.in_service
                                     else "staff.button.back_in_service")
        ids.leave.text = tr("staff.leave")
        retry = ids.retry_buttons
        retry.clear_widgets()
        for entry in page.outbox_entries:
            if entry.state == "failed":
                button = BigButton(text=f"{tr('staff.button.retry')} {entry.ref}")
                button.bind(on_release=lambda _b, ref=entry.ref: send(si.RetryOutboxItem(ref)))
                retry.add_widget(button)

    in_service = True

    def toggle_service(self) -> None:
        """Out of service, or back in service, depending on the page last shown."""
        send(si.TakeOutOfService() if self.in_service else si.BackInService())


class OutOfServiceScreen(Screen):
    """What residents see when the kiosk cannot serve: why, and where to go instead."""

    def render(self, page: OutOfServicePage, chrome: Chrome) -> None:
        """Title, reason and the nearest alternative (help point, 12345)."""
        self.ids.title.text = tr("staff.oos.title")
        self.ids.reason.text = say(page.reason)
        self.ids.alternative.text = say(page.alternative)
