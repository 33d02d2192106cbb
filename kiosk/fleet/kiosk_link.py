"""Connects a running kiosk core to its fleet: commands to the staff service state, telemetry out."""
from __future__ import annotations

import logging
from typing import Any

from kiosk.fleet.client import FleetClient
from kiosk.fleet.hub_link import watch_devices

log = logging.getLogger(__name__)
FLEET = "fleet"


class KioskFleetCommands:
    """FleetCommands over the core: each call hands the work on and returns at once."""

    def __init__(self, core: Any, catalog: Any = None) -> None:
        self.core = core
        self.catalog = catalog  # a kiosk.fleet.catalog_link.CatalogSwitch, when a platform is set

    def _state(self) -> Any:
        if self.core.staff is None:
            raise RuntimeError("this kiosk has no service state")
        return self.core.staff.state

    def _audit(self, action: str) -> None:
        if self.core.staff is not None:
            self.core.staff.audit.record(FLEET, action)

    def out_of_service(self) -> str:
        """Residents see the out-of-service screen after the current session."""
        self._state().take_out_of_service(FLEET, FLEET)
        self._audit("out_of_service")
        return "out of service after the current session"

    def in_service(self) -> str:
        """Residents see the attract screen again."""
        self._state().back_in_service(FLEET)
        self._audit("in_service")
        return "back in service"

    def reload_catalog(self) -> str:
        """Check the platform for a newer catalog now; it is applied after the current session."""
        if self.catalog is None or self.catalog.updater is None:
            raise RuntimeError("this kiosk has no platform link to fetch a catalog from")
        detail = self.catalog.updater.request()
        self._audit("reload_catalog")
        return detail

    def print_test_slip(self) -> str:
        """Queue the diagnostic slip on the printer's worker thread."""
        from kiosk.flow.staff.actions_step import diagnostic_slip_job
        version = self.core.staff.version if self.core.staff is not None else ""
        self.core.devices.printer.print_job(diagnostic_slip_job(FLEET, version))
        self._audit("print_test_slip")
        return "test slip queued"

    def restart(self) -> str:
        """The app exits with the restart code; systemd starts it again."""
        self._state().request_restart(FLEET)
        self._audit("restart")
        return "restarting"


def start_fleet(core: Any, app_version: str, catalog: Any = None) -> FleetClient | None:
    """Start the fleet link when [mqtt] is configured; None otherwise. Never blocks.

    `catalog` (a CatalogSwitch) takes reload_catalog and reports the catalog version."""
    config = core.config.mqtt
    if config is None:
        return None
    client = FleetClient(config, KioskFleetCommands(core, catalog), app_version)
    if catalog is not None:
        catalog.telemetry = client.telemetry
        catalog.report_version()
    watch_devices(core.devices, client.telemetry)
    from kiosk.flow.events import StaffCalled
    core.flow.subscribe(StaffCalled, lambda _event: client.telemetry.call_staff())
    client.start()
    log.info("fleet: reporting to %s as %s", config.url.split("@")[-1], config.kiosk_id)
    return client
