"""KioskApp: builds the screens, relays intents to the flow and view state back to the screens."""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Callable

from kivy.app import App
from kivy.clock import Clock
from kivy.core.text import DEFAULT_FONT, LabelBase
from kivy.core.window import Window
from kivy.lang import Builder
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.screenmanager import NoTransition

from kiosk.core import Core
from kiosk.flow import intents as it
from kiosk.flow.state import ATTRACT, ViewState
from kiosk.i18n import Localized, Msg
from kiosk.speech import Speaker, Spoken, create_speaker
from kiosk.speech.guide import VoiceGuide
from kiosk.warm_imports import import_in_background
from screens import widgets  # noqa: F401  (registers widget classes for the .kv rules)
from screens.fonts import use_language_font
from screens.chrome import ChromeBar, HelpPanel  # noqa: F401  (used by layout.kv)
from screens.preview import CameraPreview  # noqa: F401  (used by layout.kv)
from screens.keys import KeyButton  # noqa: F401  (used by layout.kv)
from screens.paging import PageBar  # noqa: F401  (used by layout.kv)
from screens.reach import ReachPanel  # noqa: F401  (used by layout.kv)
from screens import keypad_nav, reach_preview
from screens.screen_set import add_screens, lay_out_now
from screens.screenshot import save_window_png
from screens.theme import make_theme
from screens.voice import VoiceControls  # noqa: F401  (used by layout.kv)

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "assets" / "fonts" / "NotoSansSC-Kiosk.otf"
TICK_S = 0.5
WARM_UP_AFTER_S = 0.5
QUIET_S = 5.0  # no touch for this long: the kiosk is idle, heavy imports may run


def _overlay(chrome) -> Msg | None:
    """What the panel over the screen says, if one shows: the idle warning, else help."""
    if chrome.idle_seconds_left is not None:
        return Msg("idle.title")
    return Msg("help.staff_called") if chrome.help_open else None


class KioskRoot(FloatLayout):
    """Chrome bar, screen manager, idle overlay and help panel."""


class KioskApp(App):
    """The Kivy application; all logic lives in the core it is given."""

    theme = ObjectProperty(None, rebind=True)  # kv rules re-evaluate app.theme.* on change
    language = StringProperty("zh")  # the language being rendered (the chrome's)
    low_reach = BooleanProperty(False)  # every control in the lower part (screens/reach.py)

    def __init__(self, core: Core, speaker: Speaker | None = None, **kwargs) -> None:
        """speaker: the voice (main.py passes one on the sound card); None: a silent one
        that still shows captions and writes the speech log."""
        super().__init__(**kwargs)
        self.core = core
        self.flow = core.flow
        self.translator = core.translator
        self.config_obj = core.config
        self.language = core.flow.state.language
        profile = core.config.profile
        self._branch = Localized.of(profile.name)
        self._help_point = Localized.of(profile.help_point)
        self.title = "OneTrip Kiosk"
        brand = core.config.profile.branding
        self._themes = {elder: make_theme(brand.primary_color, brand.accent_color, elder)
                        for elder in (False, True)}
        self.theme = self._themes[False]
        self.rendered: ViewState | None = None
        self._last_touch = time.monotonic()  # for _when_quiet
        self.raise_intent_errors = False  # tests set it: an intent without a handler fails them
        self._render_listeners: list[Callable[[ViewState], None]] = []
        self.exit_code = 0  # RESTART_EXIT_CODE after a staff restart (screens.main returns it)
        speaker = speaker or create_speaker(core.translator, audio_device=None)
        speaker.on_spoken = self._spoken  # worker thread: hops to the UI thread
        self.voice = VoiceGuide(speaker)
        self._pending_speech: list[tuple] = []  # VoiceGuide.show calls waiting for the frame

    def build(self):
        LabelBase.register(DEFAULT_FONT, str(FONT), str(FONT), str(FONT), str(FONT))
        use_language_font(self.language, force=True)
        Builder.load_file(str(HERE / "layout.kv"))  # not kiosk.kv: App would auto-load that a second time
        Builder.load_file(str(HERE / "chrome.kv"))
        Builder.load_file(str(HERE / "staff.kv"))
        root = KioskRoot()
        manager = root.ids.manager
        manager.transition = NoTransition()
        add_screens(self, manager)  # the attract screen now; the others on first use or when idle
        Window.bind(on_flip=self._first_frame)
        self.keypad_nav = keypad_nav.install(self, root)
        reach_preview.install(self)  # low reach: the camera preview is shown above the controls
        if self.config_obj.display.kiosk_mode:
            Window.bind(on_request_close=lambda *_: True)  # cannot be closed by touch
        Window.bind(on_touch_down=self._any_touch)
        self.flow.add_listener(self._state_changed)
        if self.core.staff is not None:  # a staff restart: exit with RESTART_EXIT_CODE
            self.core.staff.state.add_listener(self._service_state_changed)
        Clock.schedule_interval(lambda _dt: self.flow.tick(), TICK_S)
        Clock.schedule_once(lambda _dt: self._render(self.flow.state), 0)
        return root

    def _first_frame(self, *_args) -> None:
        """After the first frame: lay out the catalog and a guide; once the kiosk is idle, build
        the other screens (one group per frame), then load the heavy modules left for later.

        Kivy counts a timeout from its last tick, which was before the build: scheduled in
        build(), the warm-up would run before the first frame.
        """
        Window.unbind(on_flip=self._first_frame)
        manager = self.root.ids.manager
        self._when_quiet(lambda: manager.build_in_idle_frames(on_done=import_in_background))
        Clock.schedule_once(lambda _dt: self._warm_up(), WARM_UP_AFTER_S)

    def _when_quiet(self, action: Callable[[], None]) -> None:
        """Run action once nobody has touched for QUIET_S. Building a screen takes up to ~0.3 s
        of the UI thread and an import holds the interpreter for up to ~0.5 s: a touch in
        progress would wait for them. A screen needed sooner is built when first shown."""
        def check(_dt) -> bool:
            if time.monotonic() - self._last_touch < QUIET_S:
                return True
            action()
            return False
        Clock.schedule_interval(check, 1.0)

    def _warm_up(self) -> None:
        """Lay out the catalog and a guide once while the attract screen shows.

        The first render of a screen builds its widgets and glyph textures (~0.5 s); doing it
        here keeps the resident's first touches fast. Only done if nobody has touched yet.
        """
        if self.flow.state.screen != ATTRACT:
            return
        manager = self.root.ids.manager
        for state in self.flow.preview_states():
            screen = manager.get_screen(state.screen)
            screen.render(state.page, state.chrome)
            manager.current = state.screen
            lay_out_now(screen, manager)
        manager.current = ATTRACT
        # finish the switch now: while a transition runs the manager drops touches, and the
        # attract screen is showing (before the first frame nobody could touch during this)
        manager.transition.stop()
        self.rendered = None  # force a fresh render of the real state
        self._render(self.flow.state)

    # --- intents in -------------------------------------------------------------------------
    def send(self, intent: it.Intent) -> None:
        """Hand an intent to the flow (fast: the flow never blocks); failures are logged loudly."""
        try:
            self.flow.dispatch(intent)
        except Exception:
            log.exception("intent %s failed", type(intent).__name__)
            if self.raise_intent_errors:
                raise

    def _service_state_changed(self, what: object) -> None:
        if what == "restart":
            from kiosk.staff.service_state import RESTART_EXIT_CODE
            self.exit_code = RESTART_EXIT_CODE
            Clock.schedule_once(lambda _dt: self.stop(), 0)

    def _any_touch(self, _window, _touch) -> bool:
        self._last_touch = time.monotonic()
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
        chrome = state.chrome
        chrome_changed = self.rendered is None or self.rendered.chrome != chrome
        self.theme = self._themes[chrome.elder_mode]
        use_language_font(chrome.language)  # before any label of the new language is drawn
        self.language = chrome.language
        self.low_reach = chrome.low_reach
        root = self.root
        if chrome_changed:  # most touches change only the page
            root.ids.chrome.render(chrome, self._branch)
            root.ids.idle_overlay.render(chrome.idle_seconds_left)
            root.ids.help_panel.render(chrome, self._help_point)
        manager = root.ids.manager
        if state.screen == ATTRACT and manager.is_built("catalog"):  # not built: not used yet
            manager.get_screen("catalog").ids.keyboard.shown = False  # next resident starts clean
        screen = manager.get_screen(state.screen)
        screen.render(state.page, chrome)
        if manager.current != state.screen:
            manager.current = state.screen
        self.rendered = state
        self._speak_after_frame(state.screen, state.page, chrome.language, _overlay(chrome),
                                chrome.elder_mode)
        for cb in list(self._render_listeners):
            cb(state)

    def _speak_after_frame(self, *show_args) -> None:
        """Speak the screen's prompt once the new screen's frame is drawn (the next clock tick),
        so synthesis on the speaker's thread does not compete with that frame for the CPU."""
        if not self._pending_speech:
            Clock.schedule_once(self._speak_pending, 0)
        self._pending_speech.append(show_args)  # in order: a confirmation queues after its screen

    def _speak_pending(self, _dt) -> None:
        pending, self._pending_speech = self._pending_speech, []
        if App.get_running_app() is not self:
            return
        for show_args in pending:
            self.voice.show(*show_args)  # only queues on the speaker: never waits

    def _spoken(self, spoken: Spoken) -> None:
        """The Speaker started a prompt (its worker thread): show its text as the caption."""
        Clock.schedule_once(lambda _dt: self._show_caption(spoken), -1)

    def _show_caption(self, spoken: Spoken) -> None:
        if App.get_running_app() is self and self.root is not None:
            self.root.ids.chrome.ids.voice.show_caption(spoken)
            self.root.ids.reach_panel.show(self.translator.render(self._branch, self.language),
                                           spoken.text)

    def add_render_listener(self, cb: Callable[[ViewState], None]) -> None:
        """cb(state) after each render on the UI thread (tests, benchmarks, screenshots)."""
        self._render_listeners.append(cb)

    def remove_render_listener(self, cb: Callable[[ViewState], None]) -> None:
        """Undo add_render_listener."""
        self._render_listeners.remove(cb)

    def screenshot(self, path: Path) -> None:
        """Save the next frame to path."""
        save_window_png(path)

    def on_stop(self) -> None:
        self.voice.close()
        self.core.stop()
