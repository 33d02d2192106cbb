"""Screenshots on every screen change and an optional self-running demo, for headless machines."""
from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock

from kiosk.flow.state import ViewState
from screens.demo_tour import DemoTour
from screens.screenshot import save_window_png

DEMO_STEP_S = 3.0
PERIODIC_S = 5.0
SETTLE_S = 0.3  # let the screen manager finish switching before the shot


class Recorder:
    """Saves `NN-<screen>.png` after each render and `latest.png` every few seconds."""

    def __init__(self, app, folder: Path | None, demo: bool, exit_after: float) -> None:
        self.app = app
        self.folder = Path(folder) if folder else None
        self.demo = demo
        self.exit_after = exit_after
        self.count = 0
        self._last_screen: tuple | None = None
        self.tour = DemoTour(app.send)
        self._events: list = []

    def attach(self) -> None:
        """Hook into the app's render and clock."""
        self.app.add_render_listener(self._rendered)
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._events.append(Clock.schedule_interval(
                lambda _dt: save_window_png(self.folder / "latest.png"), PERIODIC_S))
        if self.demo:
            self._events.append(Clock.schedule_interval(lambda _dt: self._demo_step(), DEMO_STEP_S))
        if self.exit_after:
            Clock.schedule_once(lambda _dt: self.app.stop(), self.exit_after)

    def detach(self) -> None:
        """Stop recording (tests)."""
        self.app.remove_render_listener(self._rendered)
        for event in self._events:
            event.cancel()
        self._events.clear()

    def _rendered(self, state: ViewState) -> None:
        page = state.page
        guide = getattr(page, "guide", None)
        key = (state.screen, state.language, state.elder_mode, getattr(page, "query", ""),
               guide.code if guide else "", guide.chosen() and len(guide.chosen()) if guide else 0,
               getattr(page, "state", ""))
        if self.folder and key != self._last_screen:
            self._last_screen = key
            Clock.schedule_once(lambda _dt: self._shoot(state), SETTLE_S)

    def _shoot(self, state: ViewState) -> None:
        """Save the shot only if that screen still shows: never one screen under another's name."""
        shown = self.app.rendered
        if shown is None or shown.screen != state.screen or shown.revision != state.revision:
            return  # a later render schedules its own shot
        self.count += 1
        mode = f"-{state.language}" + ("-elder" if state.elder_mode else "")
        save_window_png(self.folder / f"{self.count:03d}-{state.screen}{mode}.png")

    def _demo_step(self) -> None:
        """One step of the scripted tour (screens.demo_tour)."""
        self.tour.step(self.app.flow.state)
