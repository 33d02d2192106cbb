"""Screenshots on every screen change and an optional self-running demo, for headless machines."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from kivy.clock import Clock

from kiosk.flow import intents as it
from kiosk.flow.browse import CATALOG, DONE, GUIDE
from kiosk.flow.browse import intents as bi
from kiosk.flow.state import ATTRACT, ViewState
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
        self._last_screen: str | None = None

    def attach(self) -> None:
        """Hook into the app's render and clock."""
        self.app.add_render_listener(self._rendered)
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            Clock.schedule_interval(lambda _dt: save_window_png(self.folder / "latest.png"),
                                    PERIODIC_S)
        if self.demo:
            Clock.schedule_interval(lambda _dt: self._demo_step(), DEMO_STEP_S)
        if self.exit_after:
            Clock.schedule_once(lambda _dt: self.app.stop(), self.exit_after)

    def _rendered(self, state: ViewState) -> None:
        query = getattr(state.page, "query", "")
        key = f"{state.screen}-{state.language}-{int(state.elder_mode)}-{query}"
        if self.folder and key != self._last_screen:
            self._last_screen = key
            self.count += 1
            path = self.folder / f"{self.count:03d}-{state.screen}.png"
            Clock.schedule_once(lambda _dt: save_window_png(path), SETTLE_S)

    def _demo_step(self) -> None:
        """Attract -> catalog -> a guide -> print -> done -> attract, alternating languages."""
        state = self.app.flow.state
        send: Callable[[it.Intent], None] = self.app.send
        if state.screen == ATTRACT:
            send(it.SetLanguage("en" if state.language == "zh" else "zh"))
            send(bi.Start())
        elif state.screen == CATALOG:
            groups = state.page.groups
            first = next((e for g in groups for e in g.entries if not e.is_bundle), None)
            if first is not None:
                send(bi.OpenService(first.code))
        elif state.screen == GUIDE:
            send(bi.PrintGuide())
        elif state.screen == DONE:
            send(it.Finish())
