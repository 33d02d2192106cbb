"""Screenshots on every screen change and an optional self-running demo, for headless machines.

Outside the demo (whose data is fictitious) screenshots may show a resident: screens that carry
personal data (the camera screens) are never saved, and every shot taken during a session is
kept in the session's folder under var/session and deleted when the session ends.
"""
from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock

from kiosk.flow.events import SessionEnded
from kiosk.flow.state import ViewState
from kiosk.session_files import session_files_of
from screens.demo_tour import DemoTour
from screens.screenshot import save_window_png

DEMO_STEP_S = 3.0
PERIODIC_S = 5.0
SETTLE_S = 0.3  # let the screen manager finish switching before the shot
PRIVATE_SCREENS = frozenset({"scan"})  # camera preview, decoded codes, photographed documents


class Recorder:
    """Saves `NN-<screen>.png` after each render and `latest.png` every few seconds."""

    def __init__(self, app, folder: Path | None, demo: bool, exit_after: float,
                 fictitious: bool | None = None) -> None:
        self.app = app
        self.folder = Path(folder) if folder else None
        self.demo = demo
        # fictitious: only simulated residents (the demo), so every screen may be kept
        self.fictitious = demo if fictitious is None else fictitious
        self.exit_after = exit_after
        self.count = 0
        self._last_screen: tuple | None = None
        self.tour = DemoTour(app.send)
        self._events: list = []
        self.session_files: set[Path] = set()  # shots of the current session, wiped at its end

    def attach(self) -> None:
        """Hook into the app's render and clock."""
        self.app.add_render_listener(self._rendered)
        if not self.fictitious:
            self.app.flow.subscribe(SessionEnded, self._session_ended)
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._events.append(Clock.schedule_interval(lambda _dt: self._periodic(), PERIODIC_S))
        if self.demo:
            self._events.append(Clock.schedule_interval(lambda _dt: self._demo_step(), DEMO_STEP_S))
        if self.exit_after:
            Clock.schedule_once(lambda _dt: self.app.stop(), self.exit_after)

    def detach(self) -> None:
        """Stop recording (tests)."""
        self.app.remove_render_listener(self._rendered)
        self.app.flow.unsubscribe(self._session_ended)
        for event in self._events:
            event.cancel()
        self._events.clear()

    def _rendered(self, state: ViewState) -> None:
        page = state.page
        guide = getattr(page, "guide", None)
        key = (state.screen, state.language, state.elder_mode, getattr(page, "query", ""),
               guide.code if guide else "", guide.chosen() and len(guide.chosen()) if guide else 0,
               getattr(page, "state", ""), getattr(page, "pages", 0), getattr(page, "busy", False))
        if self.folder and key != self._last_screen:
            self._last_screen = key
            Clock.schedule_once(lambda _dt: self._shoot(state), SETTLE_S)

    def _private(self, state: ViewState | None) -> bool:
        """True when this screen may show a resident's personal data and this is no demo."""
        if self.fictitious or state is None:
            return False
        return state.screen in PRIVATE_SCREENS or bool(getattr(state.page, "personal", False))

    def _save(self, path: Path) -> None:
        if self.app.flow.session is not None and not self.fictitious:
            files = session_files_of(self.app.flow)  # in-session shots live in var/session/<id>/,
            if files is not None:                    # so a crash's start-up wipe removes them too
                path = files.current_path(path.name) or path
            self.session_files.add(path)
        save_window_png(path)

    def _periodic(self) -> None:
        if not self._private(self.app.rendered):
            self._save(self.folder / "latest.png")

    def _session_ended(self, _event: SessionEnded) -> None:
        """Delete the shots of the session that just ended (called on the flow's thread)."""
        files, self.session_files = self.session_files, set()
        for path in files:
            path.unlink(missing_ok=True)

    def _shoot(self, state: ViewState) -> None:
        """Save the shot only if that screen still shows: never one screen under another's name."""
        shown = self.app.rendered
        if shown is None or shown.screen != state.screen:
            return  # a later render schedules its own shot
        if self._private(state):
            return
        self.count += 1
        mode = f"-{state.language}" + ("-elder" if state.elder_mode else "")
        self._save(self.folder / f"{self.count:03d}-{state.screen}{mode}.png")

    def _demo_step(self) -> None:
        """One step of the scripted tour (screens.demo_tour)."""
        self.tour.step(self.app.flow.state)
