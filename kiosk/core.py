"""Builds the kiosk core from configuration: catalog, devices, translator and the flow."""
from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kiosk import codes
from kiosk.catalog.cache import load_catalog_cached
from kiosk.catalog.hours import opening_status
from kiosk.config import KioskConfig, load_config
from kiosk.devices import DeviceHub
from kiosk.flow.browse import CatalogContent
from kiosk.flow.host import FlowHost
from kiosk.flow.journeys import build_flow
from kiosk.flow.staff import StaffJourney, StaffServices
from kiosk.i18n import LANGUAGES, Localized, Msg, Translator
from kiosk.installation_key import installation_key

log = logging.getLogger(__name__)
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "config" / "kiosk.toml"


@dataclass
class Core:
    """Everything below the screens, wired together."""

    config: KioskConfig
    translator: Translator
    content: CatalogContent
    devices: DeviceHub
    flow: FlowHost
    staff: StaffServices | None = None  # staff mode; staff.state is the out-of-service API

    def hours_line(self) -> Msg:
        """Branch name and opening hours, for the attract screen."""
        hours = self.content.branch_hours
        name = Localized.of(self.config.profile.name)
        if hours.always:
            return Msg.of("hours.branch_line", branch=name, hours=Msg("hours.always"))
        when = Localized.of({lang: hours.describe().pick(lang) for lang in LANGUAGES})
        return Msg.of("hours.branch_line", branch=name, hours=Msg.of("hours.line", hours=when))

    def branch_status(self) -> Msg | None:
        """"Closed now, opens again Mon 09:00" for the attract screen; None while open."""
        status = opening_status(self.content.branch_hours, self.content.now())
        if status.open_now:
            return None
        if status.next_open is None:
            return Msg("hours.closed_no_opening")
        moment = status.next_open
        when = Localized.of({"zh": f"{WEEKDAYS_ZH[moment.weekday()]} {moment:%H:%M}",
                             "en": f"{moment:%a} {moment:%H:%M}"})
        return Msg.of("hours.closed_now", next=when)

    def stop(self) -> None:
        """Stop every device thread."""
        self.devices.stop()


def build_core(config: KioskConfig | None = None, *, start_devices: bool = True,
               clock: Callable[[], float] = time.monotonic,
               now: Callable[[], dt.datetime] = dt.datetime.now) -> Core:
    """Load the catalog, build and start the devices, and create the flow."""
    config = config or load_config(DEFAULT_CONFIG)
    translator = Translator()
    key = installation_key(config.root / "var" / "installation.key")
    codes.configure(key)
    catalog, problems = load_catalog_cached(config.services_dir, config.bundles_dir,
                                            config.root / "var" / "cache", key=key)
    for problem in problems:
        log.error("catalog: %s", problem)
    unknown = [c for c in (config.profile.services or ()) if
               catalog.get(c) is None and catalog.get_bundle(c) is None]
    if unknown:
        log.warning("profile %s offers unknown services: %s", config.profile.id, ", ".join(unknown))
    content = CatalogContent(catalog, problems, translator, config.profile, now)
    devices = DeviceHub.from_config(config.profile.devices)
    if start_devices:
        devices.start()
    flow = build_flow(content, devices, idle_timeout_s=config.profile.idle_timeout_s,
                      idle_warning_s=config.profile.idle_warning_s, language=config.language,
                      clock=clock, attract_notice=content.notice())
    staff = StaffServices.from_root(config.root, clock, outbox=_existing_outbox(config.root))
    for journey in flow.journeys:
        if isinstance(journey, StaffJourney):
            journey.attach(staff)
    return Core(config, translator, content, devices, flow, staff)


def _existing_outbox(root: Path):
    """The outbox for the staff screen when one was ever created (None otherwise, or if broken)."""
    from kiosk.outbox import DB_NAME, OutboxError, open_outbox
    if not (Path(root) / "var" / DB_NAME).exists():
        return None
    try:
        return open_outbox(root)
    except OutboxError as exc:
        log.error("outbox: %s", exc)
        return None
