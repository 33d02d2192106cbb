"""systemd readiness and watchdog pings (sdnotify), driven by the UI loop so a hung UI stops them."""
from __future__ import annotations

import os
import time
from typing import Callable, Mapping

import sdnotify

# The UI loop calls ping() every interval/8 and a ping is sent at most every interval/4, so the
# longest gap between two WATCHDOG=1 is 3/8 of WatchdogSec: under half, as systemd advises.
_SEND_FRACTION = 4
_CALL_FRACTION = 8


def watchdog_interval_s(environ: Mapping[str, str] | None = None) -> float | None:
    """WatchdogSec as systemd passes it (WATCHDOG_USEC, for this PID); None when not supervised."""
    env = os.environ if environ is None else environ
    usec, pid = env.get("WATCHDOG_USEC"), env.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    try:
        value = int(usec)
    except ValueError:
        return None
    return value / 1_000_000 if value > 0 else None


class Watchdog:
    """READY=1 once the kiosk is up, then WATCHDOG=1 from ping(), which the UI loop calls."""

    def __init__(self, interval_s: float | None = None, notifier: sdnotify.SystemdNotifier | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.interval_s = interval_s if interval_s is not None else watchdog_interval_s()
        self.notifier = notifier or sdnotify.SystemdNotifier()
        self.clock = clock
        self._last_ping: float | None = None

    @property
    def enabled(self) -> bool:
        """True when systemd asked for watchdog pings."""
        return bool(self.interval_s)

    @property
    def call_every_s(self) -> float | None:
        """How often the UI loop should call ping() (e.g. Kivy Clock.schedule_interval)."""
        return self.interval_s / _CALL_FRACTION if self.interval_s else None

    def ready(self, status: str = "attract screen shown") -> None:
        """Tell systemd the kiosk is up (Type=notify): after the first frame, not before."""
        self.notifier.notify(f"READY=1\nSTATUS={status}")
        self._last_ping = self.clock()

    def status(self, text: str) -> None:
        """A one-line status for `systemctl status` (never personal data)."""
        self.notifier.notify(f"STATUS={text}")

    def ping(self, *_args: object) -> bool:
        """Call from the UI loop; sends WATCHDOG=1 when one is due. True when it sent one."""
        if not self.interval_s:
            return False
        now = self.clock()
        if self._last_ping is not None and now - self._last_ping < self.interval_s / _SEND_FRACTION:
            return False
        self.notifier.notify("WATCHDOG=1")
        self._last_ping = now
        return True

    def stopping(self) -> None:
        """Tell systemd a clean stop is under way (so it does not count as a hang)."""
        self.notifier.notify("STOPPING=1")
