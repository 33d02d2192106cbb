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
from kiosk.config import KioskConfig, load_config
from kiosk.devices import DeviceHub
from kiosk.flow.browse import BrowseFlow
from kiosk.flow.content import CatalogContent
from kiosk.i18n import Translator
from kiosk.installation_key import installation_key

log = logging.getLogger(__name__)
DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "config" / "kiosk.toml"


@dataclass
class Core:
    """Everything below the screens, wired together."""

    config: KioskConfig
    translator: Translator
    content: CatalogContent
    devices: DeviceHub
    flow: BrowseFlow

    def hours_line(self, lang: str) -> str:
        """Opening hours of this branch, for the attract screen."""
        hours = self.content.branch_hours
        if hours.always:
            text = self.translator.t("hours.always", lang)
        else:
            text = self.translator.t("hours.line", lang, hours=hours.describe().pick(lang))
        return f"{self.config.profile.name[lang]} · {text}"

    def stop(self) -> None:
        """Stop every device thread."""
        self.devices.stop()


def build_core(config: KioskConfig | None = None, *, start_devices: bool = True,
               clock: Callable[[], float] = time.monotonic,
               now: Callable[[], dt.datetime] = dt.datetime.now) -> Core:
    """Load the catalog, build and start the devices, and create the flow."""
    config = config or load_config(DEFAULT_CONFIG)
    translator = Translator(language=config.language)
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
    flow = BrowseFlow(content, devices, translator,
                      idle_timeout_s=config.profile.idle_timeout_s,
                      idle_warning_s=config.profile.idle_warning_s,
                      language=config.language, clock=clock)
    return Core(config, translator, content, devices, flow)
