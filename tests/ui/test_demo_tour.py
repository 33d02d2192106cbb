"""The demo tour shows many distinct screens and saves each under the screen it shows."""
from __future__ import annotations

import pytest

from screens.demo_tour import TOUR, DemoTour
from screens.demo_tour_results import RESULTS_TOUR
from screens.recorder import Recorder

pytestmark = pytest.mark.ui


def test_the_tour_walks_many_distinct_screens_and_names_shots_right(fresh, tmp_path):
    ui = fresh
    recorder = Recorder(ui.app, tmp_path, demo=False, exit_after=0, fictitious=True)
    recorder.attach()
    tour = DemoTour(ui.app.send)
    seen = []
    try:
        for _ in range(len(TOUR) - len(RESULTS_TOUR) + 2):  # the results part has its own test
            tour.step(ui.app.flow.state)
            ui.wait_for(lambda: ui.app.rendered is not None
                        and ui.app.rendered.revision == ui.app.flow.state.revision
                        and ui.app.flow.state.screen != "printing", "the step rendered")
            state = ui.app.flow.state
            guide = getattr(state.page, "guide", None)
            seen.append((state.screen, state.language, state.elder_mode,
                         getattr(state.page, "query", ""), guide.code if guide else ""))
            ui.pump(12)  # the recorder's settle delay
    finally:
        recorder.detach()
    screens = {s[0] for s in seen}
    assert {"attract", "catalog", "guide", "done", "scan"} <= screens
    assert len(set(seen)) >= 10, seen
    first_catalog = next(s for s in seen if s[0] == "catalog")
    assert first_catalog[1] == "en" and any(s[0] == "catalog" and s[1] == "zh" for s in seen)
    assert any(s[0] == "catalog" and s[3] for s in seen), "no search shown"
    assert any(s[0] == "guide" and s[2] for s in seen), "no elder-mode guide"
    bundles = set(ui.app.core.content.catalog.bundles)
    assert any(s[0] == "guide" and s[4] in bundles for s in seen), "no bundle"
    shots = sorted(p.name for p in tmp_path.glob("[0-9]*.png"))
    assert len(shots) >= 10
    names = {name.split("-")[1] for name in shots}
    assert names <= {"attract", "catalog", "guide", "printing", "done", "scan", "results_progress",
                     "results_pickup", "results_supplement", "results_rating"}
    assert any("-elder" in name for name in shots) and any("-en" in name for name in shots)
