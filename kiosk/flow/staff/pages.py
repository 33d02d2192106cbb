"""Staff mode's screens and their page values (texts as message keys; no residents' data)."""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n import Msg

STAFF_LOGIN = "staff_login"
STAFF = "staff"
OUT_OF_SERVICE = "out_of_service"


@dataclass(frozen=True)
class LoginPage:
    """Card + PIN or staff number + TOTP; `card_read` once a card was read (PIN next)."""

    card_read: bool = False
    message: Msg | None = None
    locked_for_s: int = 0


@dataclass(frozen=True)
class DeviceLine:
    """One device as staff see it: its status and its redacted diagnostics as text."""

    name: str
    state: str
    media: str
    detail: str
    diagnostics: str


@dataclass(frozen=True)
class OutboxLine:
    """One outbox item, masked: reference, kind, state, attempts and error code."""

    ref: str
    kind: str
    state: str
    attempts: int
    error: str


@dataclass(frozen=True)
class StaffPage:
    """The staff screen: devices, outbox, paper, locker, versions, calls and the last action."""

    staff: str
    devices: tuple[DeviceLine, ...] = ()
    outbox_counts: tuple[tuple[str, int], ...] = ()
    outbox_entries: tuple[OutboxLine, ...] = ()
    paper: str = ""
    locker: str = ""
    catalog_version: str = ""
    app_version: str = ""
    in_service: bool = True
    calls: int = 0  # unanswered "call staff" requests (the banner)
    message: Msg | None = None


@dataclass(frozen=True)
class OutOfServicePage:
    """What residents see when the kiosk cannot serve: why, and where to go instead."""

    reason: Msg
    alternative: Msg
