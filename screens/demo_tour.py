"""The self-running demo (`./dev run --demo`): a scripted walk through many distinct screens.

English start then Chinese, search, a service guide, elder mode, a bundle and its choices,
printing, the scan screen reading a code, a page photographed on the document camera; then it
starts over. Each step is one intent built from the state
showing, so the tour follows whatever the catalog holds.
"""
from __future__ import annotations

from typing import Callable, Optional

from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.flow.scan import intents as si
from kiosk.flow.state import ViewState
from screens.demo_tour_apply import APPLY_TOUR
from screens.demo_tour_results import RESULTS_TOUR

Step = tuple[str, Callable[[ViewState], Optional[it.Intent]]]


def _first_result(state: ViewState) -> Optional[it.Intent]:
    results = getattr(state.page, "results", ())
    item = next((e for e in results if not e.is_bundle), None)
    return bi.OpenService(item.code) if item else None


def _first_bundle(state: ViewState) -> Optional[it.Intent]:
    groups = getattr(state.page, "groups", ())
    bundle = next((e for g in groups for e in g.entries if e.is_bundle), None)
    return bi.OpenBundle(bundle.code) if bundle else None


def _drop_last_item(state: ViewState) -> Optional[it.Intent]:
    guide = getattr(state.page, "guide", None)
    items = guide.bundle_items if guide else ()
    return bi.ToggleBundleItem(items[-1][0]) if len(items) > 1 else None


def _scan_materials(state: ViewState) -> Optional[it.Intent]:
    return si.ScanMaterials() if state.screen == "guide" else None


def _wait_for_page(state: ViewState) -> Optional[it.Intent]:
    """Stay on the camera screen (as activity) until the simulator's page is captured."""
    waiting = state.screen == "scan" and getattr(state.page, "pages", 0) < 1
    return it.Activity() if waiting else None


def _finish_scan(state: ViewState) -> Optional[it.Intent]:
    return si.FinishScan() if state.screen == "scan" and getattr(state.page, "pages", 0) else None


def _elder(on: bool) -> Callable[[ViewState], Optional[it.Intent]]:
    return lambda state: it.ToggleElderMode() if state.elder_mode != on else None


TOUR: tuple[Step, ...] = (
    ("English attract screen", lambda s: it.SetLanguage("en")),
    ("start in English", lambda s: bi.Start()),
    ("switch to Chinese", lambda s: it.SetLanguage("zh")),
    ("search by pinyin", lambda s: bi.Search("shebao")),
    ("open the first result", _first_result),
    ("elder mode on the guide", _elder(True)),
    ("back to the catalog", lambda s: it.Back()),
    ("clear the search", lambda s: bi.Search("")),
    ("open a one-thing bundle", _first_bundle),
    ("leave one item out", _drop_last_item),
    ("standard text again", _elder(False)),
    ("print the notice slip", lambda s: bi.PrintGuide()),
    ("finish", lambda s: it.Finish()),
    ("scan a code", lambda s: si.ScanCode()),
    ("finish", lambda s: it.Finish()),
    ("start again", lambda s: bi.Start()),
    ("search a service with materials to photograph", lambda s: bi.Search("shebaoka")),
    ("open it", _first_result),
    ("photograph its materials", _scan_materials),
    *(("wait for a page", _wait_for_page),) * 8,  # up to ~24 s on a busy machine
    ("assemble the pages", _finish_scan),
    ("finish", lambda s: it.Finish()),
) + APPLY_TOUR + RESULTS_TOUR  # the newborn bundle applied for, then follow-up and pickup


class DemoTour:
    """Sends the tour's next intent each time it is stepped; starts over at the end."""

    def __init__(self, send: Callable[[it.Intent], None], steps: tuple[Step, ...] = TOUR) -> None:
        self.send = send
        self.steps = steps
        self.position = 0

    def step(self, state: ViewState) -> str:
        """Send the next step's intent (skipping steps that do not apply); returns its name."""
        for _ in range(len(self.steps)):
            name, make = self.steps[self.position]
            self.position = (self.position + 1) % len(self.steps)
            if state.screen == "printing":
                return "waiting for the printer"
            intent = make(state)
            if intent is not None:
                self.send(intent)
                return name
        return "nothing to do"
