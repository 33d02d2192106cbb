"""The browse journey: attract -> catalog -> guide -> print -> done."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from drivers.base import DeviceEvent
from kiosk.flow.browse.catalog_step import CatalogStep
from kiosk.flow.browse.guide_step import GuideStep
from kiosk.flow.browse.pages import CATALOG, DONE, GUIDE, PRINTING, GuidePage
from kiosk.flow.browse.print_step import PrintStep
from kiosk.flow.browse.transitions import TRANSITIONS
from kiosk.flow.journey import Journey
from kiosk.flow.state import Chrome, ViewState


class BrowseJourney(Journey):
    """Browse guides and print them; owns Home (the catalog's start)."""

    name = "browse"
    screens = (CATALOG, GUIDE, PRINTING, DONE)
    transient_screens = frozenset({PRINTING})
    transitions = TRANSITIONS

    def __init__(self, host) -> None:
        super().__init__(host)
        self.catalog = CatalogStep(host)
        self.guide = GuideStep(host)
        self.printing = PrintStep(host)

    def handlers(self) -> dict:
        """Every step's handlers."""
        return {**self.catalog.handlers(), **self.guide.handlers(), **self.printing.handlers()}

    def on_device_event(self, event: DeviceEvent) -> None:
        """Live HAL status changes what the open guide says."""
        if event.kind == "status":
            self.guide.refresh_current()

    def refresh(self, screen: str, page: Any, lang: str) -> Any:
        """Catalog and guide content re-made in lang (with live device status for a guide)."""
        if screen == CATALOG:
            return self.catalog.refresh(page, lang)
        if screen == GUIDE:
            guide = self.guide.rebuild(page.guide, lang)
            return page if guide is None else GuidePage(guide)
        return page  # print pages hold message keys only

    def back(self, state: ViewState) -> bool:
        """Back on the catalog clears the query first."""
        return state.screen == CATALOG and self.catalog.back(state.page)

    def reset(self) -> None:
        """Forget the last resident's answers, tab and print."""
        self.catalog.reset()
        self.guide.reset()
        self.printing.reset()

    def warm_up_states(self, chrome: Chrome) -> list[ViewState]:
        """A catalog and a guide, for the UI to lay out before the first touch."""
        page = self.catalog.page(self.catalog.kind, chrome.language)
        states = [ViewState(CATALOG, chrome, page)]
        first = next((e for g in page.groups for e in g.entries if not e.is_bundle), None)
        if first is not None:
            guide = self.guide.build(first.code, False, None, chrome.language)
            if guide is not None:
                states.append(ViewState(GUIDE, replace(chrome, in_session=True), GuidePage(guide)))
        return states
