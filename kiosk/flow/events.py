"""Typed events the flow host raises for listeners outside the flow (staff, telemetry)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HostEvent:
    """Base of every host event."""


@dataclass(frozen=True)
class StaffCalled(HostEvent):
    """A resident pressed Help: staff should come to the kiosk. Carries no personal data."""

    screen: str
    language: str
    elder_mode: bool
    at: float  # the host clock's time


@dataclass(frozen=True)
class SessionEnded(HostEvent):
    """A resident's session was wiped (finish, cancel or idle timeout): drop anything kept of it."""

    at: float  # the host clock's time
