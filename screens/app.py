"""KioskApp: builds the screens, relays intents to the flow and view state back to the screens."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from kivy.app import App
from kivy.clock import Clock
from kivy.core.text import DEFAULT_FONT, LabelBase
from kivy.core.window import Window
from kivy.lang import Builder
from kivy.properties import BooleanProperty, ObjectProperty
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.screenmanager import NoTransition

from kiosk.core import Core
from kiosk.flow import intents as it
from kiosk.flow.view import Screen as ScreenName, ViewState
from screens import widgets  # noqa: F401  (registers widget classes for the .kv rules)
from screens.attract import AttractScreen
from screens.catalog import CatalogScreen
from screens.guide import GuideScreen
from screens.preview import CameraPreview  # noqa: F401  (used by layout.kv)
from screens.result import DoneScreen, PrintingScreen
from screens.scan import ScanScreen
from screens.screenshot import save_window_png
from screens.theme import make_theme

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "assets" / "fonts" / "NotoSansSC-Kiosk.otf"
TICK_S = 0.5
WARM_UP_AFTER_S = 0.5


class KioskRoot(FloatLayout):
    """Top bar, screen manager and idle overlay."""

    at_attract = BooleanProperty(True)

    def send_home(self) -> None:
        App.get_running_app().send(it.Home())

    def toggle_language(self) -> None:
        app = App.get_running_app()
        app.send(it.SetLanguage("en" if app.flow.state.language == "zh" else "zh"))

    def toggle_elder(self) -> None:
        App.get_running_app().send(it.ToggleElderMode())


class KioskApp(App):
    """The Kivy application; all logic lives in the core it is given."""

    theme = ObjectProperty(None, rebind=True)  # kv rules re-evaluate app.theme.* on change

    def __init__(self, core: Core, **kwargs) -> None:
        super().__init__(**kwargs)
        self.core = core
        self.flow = core.flow
        self.translator = core.translator
        self.config_obj = core.config
        self.title = "OneTrip Kiosk"
        brand = core.config.profile.branding
        self._themes = {elder: make_theme(brand.primary_color, brand.accent_color, elder)
                        for elder in (False, True)}
        self.theme = self._themes[False]
        self.rendered: ViewState | None = None
        self._render_listeners: list[Callable[[ViewState], None]] = []

    def build(self):
        LabelBase.register(DEFAULT_FONT, str(FONT), str(FONT), str(FONT), str(FONT))
        Builder.load_file(str(HERE / "layout.kv"))  # not kiosk.kv: App would auto-load that a second time
        root = KioskRoot()
        manager = root.ids.manager
        manager.transition = NoTransition()
        for screen in (AttractScreen(), CatalogScreen(), GuideScreen(), PrintingScreen(),
                       DoneScreen(), ScanScreen()):
            manager.add_widget(screen)
        if self.config_obj.display.kiosk_mode:
            Window.bind(on_request_close=lambda *_: True)  # cannot be closed by touch
        Window.bind(on_touch_down=self._any_touch)
        self.flow.add_listener(self._state_changed)
        Clock.schedule_interval(lambda _dt: self.flow.tick(), TICK_S)
        Clock.schedule_once(lambda _dt: self._render(self.flow.state), 0)
        Clock.schedule_once(lambda _dt: self._warm_up(), WARM_UP_AFTER_S)
        return root

    def _warm_up(self) -> None:
        """Lay out the catalog and a guide once while the attract screen shows.

        The first render of a screen builds its widgets and glyph textures (~0.5 s); doing it
        here keeps the resident's first touches fast. Only done if nobody has touched yet.
        """
        if self.flow.state.screen != ScreenName.ATTRACT:
            return
        manager = self.root.ids.manager
        for state in self.flow.preview_states():
            manager.get_screen(state.screen.value).render(state)
            manager.current = state.screen.value
            manager.get_screen(state.screen.value).do_layout()
        manager.current = ScreenName.ATTRACT.value
        self.rendered = None  # force a fresh render of the real state
        self._render(self.flow.state)

    # --- intents in -------------------------------------------------------------------------
    def send(self, intent: it.Intent) -> None:
        """Hand an intent to the flow (fast: the flow never blocks)."""
        try:
            self.flow.dispatch(intent)
        except Exception:
            log.exception("intent %s failed", type(intent).__name__)

    def _any_touch(self, _window, _touch) -> bool:
        self.flow.idle.touch()
        return False

    # --- view state out ---------------------------------------------------------------------
    def _state_changed(self, state: ViewState) -> None:
        Clock.schedule_once(lambda _dt: self._render(self.flow.state), -1)

    def _render(self, state: ViewState) -> None:
        if App.get_running_app() is not self:
            return  # a state change that arrived after the app stopped
        if self.rendered is not None and state.revision == self.rendered.revision:
            return
        self.theme = self._themes[state.elder_mode]
        root = self.root
        root.at_attract = state.screen == ScreenName.ATTRACT
        t = self.translator.t
        root.ids.brand.text = self.config_obj.profile.name[state.language]
        root.ids.home_button.text = t("nav.home")
        root.ids.lang_button.text = "English" if state.language == "zh" else "中文"
        root.ids.elder_button.text = t("elder.off" if state.elder_mode else "elder.on")
        manager = root.ids.manager
        if state.screen == ScreenName.ATTRACT:
            manager.get_screen("catalog").ids.keyboard.shown = False  # next resident starts clean
        screen = manager.get_screen(state.screen.value)
        screen.render(state)
        if manager.current != state.screen.value:
            manager.current = state.screen.value
        root.ids.idle_overlay.render(state.idle_seconds_left)
        self.rendered = state
        for cb in list(self._render_listeners):
            cb(state)

    def add_render_listener(self, cb: Callable[[ViewState], None]) -> None:
        """cb(state) after each render on the UI thread (tests, benchmarks, screenshots)."""
        self._render_listeners.append(cb)

    def opening_hours_line(self, lang: str) -> str:
        """Branch name and hours for the attract screen."""
        return self.core.hours_line(lang)

    def screenshot(self, path: Path) -> None:
        """Save the next frame to path."""
        save_window_png(path)

    def on_stop(self) -> None:
        self.core.stop()
