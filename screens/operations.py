"""What a deployed kiosk runs beside its screens: start-up wipe, log files, watchdog, fleet link."""
from __future__ import annotations

import logging
from typing import Any

from kivy.clock import Clock

log = logging.getLogger("kiosk")


def before_start(root) -> None:
    """Wipe what a killed session left behind and log to rotating files under var/log."""
    from kiosk.fleet.logs import setup_logging
    from kiosk.fleet.session_files import wipe_previous_session
    removed = wipe_previous_session(root)
    if removed:
        log.info("removed %d file(s) left by a previous session", removed)
    setup_logging(root / "var" / "log")


class Operations:
    """The systemd watchdog (pinged from the UI loop, so a hung UI gets the app restarted) and
    the fleet's MQTT link; both optional, neither ever blocks the UI thread."""

    def __init__(self, core: Any) -> None:
        from kiosk.fleet.catalog_link import start_catalog_updates
        from kiosk.fleet.kiosk_link import start_fleet
        from kiosk.fleet.watchdog import Watchdog
        from kiosk.flow.staff.services import app_version
        self.watchdog = Watchdog()
        self.catalog = start_catalog_updates(core)  # platform catalog updates, between sessions
        self.fleet = start_fleet(core, app_version(), self.catalog)
        self._ping = None
        if self.watchdog.enabled:
            Clock.schedule_once(lambda _dt: self.watchdog.ready(), 0)  # after the first frame
            # a Kivy callback that returns False is unscheduled, and ping() returns False when
            # no ping was due: wrap it so the interval lives as long as the app
            self._ping = Clock.schedule_interval(self._tick, self.watchdog.call_every_s)

    def _tick(self, _dt: float) -> None:
        self.watchdog.ping()

    def stop(self) -> None:
        """Tell systemd a clean stop is under way and say `offline` to the fleet."""
        if self._ping is not None:
            self._ping.cancel()
            self.watchdog.stopping()
        if self.fleet is not None:
            self.fleet.stop()
        if self.catalog is not None and self.catalog.updater is not None:
            self.catalog.updater.stop()
