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
from kiosk.catalog.update_files import active_catalog
from kiosk.config import KioskConfig, load_config
from kiosk.devices import DeviceHub
from kiosk.flow.apply import ApplyServices
from kiosk.flow.browse import CatalogContent
from kiosk.flow.host import FlowHost
from kiosk.flow.journeys import build_flow
from kiosk.flow.staff import StaffJourney, StaffServices
from kiosk.i18n import LANGUAGES, Localized, Msg, Translator
from kiosk.installation_key import installation_key
from kiosk.native_memory import SessionEndTrimmer, trimmer_of
from kiosk.session_files import SessionFiles

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
    services: ApplyServices | None = None  # platform client + outbox; None without a platform
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
        """Stop every device thread, the outbox and the platform client."""
        self.devices.stop()
        if self.services is not None:
            self.services.stop()
        trimmer = trimmer_of(self.flow)
        if trimmer is not None:
            trimmer.close()


def build_core(config: KioskConfig | None = None, *, start_devices: bool = True,
               clock: Callable[[], float] = time.monotonic,
               now: Callable[[], dt.datetime] = dt.datetime.now) -> Core:
    """Load the catalog, build and start the devices, and create the flow."""
    config = config or load_config(DEFAULT_CONFIG)
    translator = Translator()
    key = installation_key(config.root / "var" / "installation.key")
    codes.configure(key)
    active = active_catalog(config.root, config.services_dir, config.bundles_dir, key)
    catalog, problems = load_catalog_cached(active.services_dir, active.bundles_dir,
                                            config.root / "var" / "cache", key=key)
    for problem in problems:
        log.error("catalog: %s", problem)
    unknown = [c for c in (config.profile.services or ()) if
               catalog.get(c) is None and catalog.get_bundle(c) is None]
    if unknown:
        log.warning("profile %s offers unknown services: %s", config.profile.id, ", ".join(unknown))
    content = CatalogContent(catalog, problems, translator, config.profile, now)
    content.catalog_source, content.catalog_release = active, active.version  # platform updates
    devices = DeviceHub.from_config(config.profile.devices)
    if start_devices:
        devices.start()
    services = build_services(config) if start_devices else None
    flow = build_flow(content, devices, services=services, idle_timeout_s=config.profile.idle_timeout_s,
                      idle_warning_s=config.profile.idle_warning_s, language=config.language,
                      idle_elder_factor=config.profile.idle_elder_percent / 100,
                      idle_keypad_factor=config.profile.idle_keypad_percent / 100,
                      clock=clock, attract_notice=content.notice())
    SessionFiles(config.root).attach(flow)  # var/session/<id>/, wiped when each session ends
    if start_devices:  # a running kiosk: give freed native memory back after each resident (glibc)
        SessionEndTrimmer().attach(flow)
    outbox = services.outbox.outbox if services is not None else _existing_outbox(config.root)
    staff = StaffServices.from_root(config.root, clock, outbox=outbox)
    for journey in flow.journeys:
        if isinstance(journey, StaffJourney):
            journey.attach(staff)
    return Core(config, translator, content, devices, flow, services, staff)


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


def build_services(config: KioskConfig) -> ApplyServices | None:
    """The platform client and the started outbox, when [platform] is set and its secret file exists."""
    platform = config.platform
    if platform is None or not Path(platform.secret_file).is_file():
        if platform is not None:
            log.warning("platform secret file %s is missing: applying is disabled", platform.secret_file)
        return None
    from kiosk.outbox import OutboxService, open_outbox
    from kiosk.platform_link import PlatformClient
    client = PlatformClient.from_config(platform)
    outbox = OutboxService(open_outbox(config.root), client)
    outbox.start()
    return ApplyServices(client, outbox)
