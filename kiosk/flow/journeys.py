"""The journeys this kiosk runs: adding one is its package plus one line here."""
from __future__ import annotations

from typing import Any, Callable

from kiosk.flow.apply import ApplyJourney
from kiosk.flow.browse import BrowseJourney
from kiosk.flow.host import FlowHost
from kiosk.flow.results import ResultsJourney
from kiosk.flow.scan import ScanJourney
from kiosk.flow.staff import StaffJourney

JOURNEYS = (
    BrowseJourney,
    ScanJourney,
    ApplyJourney,
    ResultsJourney,
    StaffJourney,
)


def build_flow(content: Any, devices: Any, journeys: tuple[Callable[[FlowHost], Any], ...] =
               JOURNEYS, services: Any = None, **host_options: Any) -> FlowHost:
    """A host with every journey registered (host_options: idle times, language, clock).

    services (kiosk.flow.apply.ApplyServices: platform client and outbox) or None without a platform.
    """
    host = FlowHost(content, devices, **host_options)
    host.services = services
    for journey in journeys:
        host.register(journey)
    return host
