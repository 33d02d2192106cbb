"""Intents of staff mode: the hidden gesture, login, and the staff screen's actions."""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.flow.intents import Intent


@dataclass(frozen=True)
class CornerTap(Intent):
    """A tap in the hidden corner of the attract (or out-of-service) screen."""


@dataclass(frozen=True)
class ReadStaffCard(Intent):
    """Read the staff member's ID card again (after a failed read)."""


@dataclass(frozen=True)
class SubmitPin(Intent):
    """The PIN typed after the staff card was read."""

    pin: str


@dataclass(frozen=True)
class SubmitTotp(Intent):
    """A staff number and the code from the staff member's authenticator app."""

    staff_no: str
    code: str


@dataclass(frozen=True)
class LeaveStaff(Intent):
    """Leave staff mode: its session is wiped."""


@dataclass(frozen=True)
class RefreshStaff(Intent):
    """Read devices and outbox again."""


@dataclass(frozen=True)
class PrintTestSlip(Intent):
    """Print the printer's test slip."""


@dataclass(frozen=True)
class MarkPaperReplaced(Intent):
    """Staff put a new paper roll in."""


@dataclass(frozen=True)
class OpenLockerDoor(Intent):
    """Open one locker door for maintenance."""

    lock: int


@dataclass(frozen=True)
class TakeOutOfService(Intent):
    """Residents see the out-of-service screen until staff bring the kiosk back."""


@dataclass(frozen=True)
class BackInService(Intent):
    """Residents see the attract screen again."""


@dataclass(frozen=True)
class RestartApp(Intent):
    """Ask the app to restart (it exits with RESTART_EXIT_CODE; systemd starts it again)."""


@dataclass(frozen=True)
class RetryOutboxItem(Intent):
    """Send a failed outbox item again (same idempotency key)."""

    ref: str


@dataclass(frozen=True)
class AcknowledgeCall(Intent):
    """Staff answered the residents' "call staff" (Help) requests shown as a banner."""
