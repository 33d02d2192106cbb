"""In service or not: the small core API that staff mode and fleet commands both drive."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

RESTART_EXIT_CODE = 75  # EX_TEMPFAIL; the systemd unit restarts on it (RestartForceExitStatus=75)


@dataclass(frozen=True)
class OutOfService:
    """Why the kiosk is out of service and who said so ("staff:S001", "fleet")."""

    by: str
    reason: str = "staff"  # "staff" | "fleet" | "devices"


class ServiceState:
    """Thread-safe: take_out_of_service / back_in_service / request_restart, listeners hear each.

    Listeners get the new `OutOfService | None` (or "restart") on the caller's thread; the flow
    marshals nothing itself: the staff journey takes the host lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.out_of_service: OutOfService | None = None
        self.restart_requested = False
        self._listeners: list[Callable[[object], None]] = []

    def add_listener(self, cb: Callable[[object], None]) -> None:
        """cb(OutOfService | None | "restart") after each change."""
        self._listeners.append(cb)

    def take_out_of_service(self, by: str, reason: str = "staff") -> None:
        """Residents see the out-of-service screen (after the current session, if any)."""
        with self._lock:
            self.out_of_service = OutOfService(by, reason)
        self._tell(self.out_of_service)

    def back_in_service(self, by: str) -> None:
        """Residents see the attract screen again."""
        with self._lock:
            self.out_of_service = None
        self._tell(None)

    def request_restart(self, by: str) -> None:
        """Ask the app to exit with RESTART_EXIT_CODE (the UI stops its loop; systemd restarts)."""
        with self._lock:
            self.restart_requested = True
        self._tell("restart")

    def _tell(self, what: object) -> None:
        for cb in list(self._listeners):
            cb(what)
