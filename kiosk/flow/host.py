"""The flow host: lock, listeners, session, idle timer, navigation stack and intent dispatch.

Journeys (kiosk/flow/<journey>/) own screens and intents; the host owns the attract screen,
the chrome (language, elder mode, idle warning, help) and Back/Finish. Thread-safe, never blocks.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import replace
from typing import Any, Callable, Mapping

from drivers.base import DeviceEvent, DeviceState, MediaState
from kiosk.flow import intents as it
from kiosk.flow.events import HostEvent, SessionEnded, StaffCalled
from kiosk.flow.journey import Handler, Journey, Transition
from kiosk.flow.state import ATTRACT, AttractPage, Chrome, ViewState
from kiosk.i18n import LANGUAGES, Msg
from kiosk.idle import IdlePhase, IdleTimer
from kiosk.session import Session

log = logging.getLogger(__name__)

Listener = Callable[[ViewState], None]
_DOWN = {DeviceState.NO_DEVICE, DeviceState.HARDWARE_ERROR, DeviceState.POWER_OFF,
         DeviceState.OFFLINE}
_MEDIA_ALERTS = {MediaState.PAPER_OUT, MediaState.PAPER_LOW, MediaState.JAMMED}


class UnhandledIntent(TypeError):
    """An intent type no journey handles: a button that would do nothing."""


class TransitionError(RuntimeError):
    """A handler moved to a screen its transition table does not allow."""


_HOST_TRANSITIONS = (
    Transition.on(it.SetLanguage, None), Transition.on(it.ToggleElderMode, None),
    Transition.on(it.ToggleLowReach, None),
    Transition.on(it.ExtendSession, None), Transition.on(it.Activity, None),
    Transition.on(it.OpenHelp, None), Transition.on(it.CloseHelp, None),
    Transition.on(it.Back, None, None), Transition.on(it.Finish, None, {ATTRACT}),
)


class FlowHost:
    """Runs the registered journeys; `dispatch` applies intents, listeners get every new state.

    `content` is whatever the journeys read their content from (kiosk.flow.browse.CatalogContent),
    `devices` the kiosk.devices.DeviceHub; `clock` is injectable so tests control time, and
    `executor` runs slow work off the caller's thread (tests pass an inline one).
    """

    def __init__(self, content: Any, devices: Any, *, idle_timeout_s: float,
                 idle_warning_s: float, language: str = "zh",
                 idle_elder_factor: float = 2.0, idle_keypad_factor: float = 2.0,
                 clock: Callable[[], float] = time.monotonic,
                 attract_notice: Msg | None = None, executor: Executor | None = None) -> None:
        self.content = content
        self.devices = devices
        self.clock = clock
        self.executor = executor or ThreadPoolExecutor(1, thread_name_prefix="flow-work")
        self.default_language = language
        self.idle = IdleTimer(idle_timeout_s, idle_warning_s, clock,
                              elder_factor=idle_elder_factor, keypad_factor=idle_keypad_factor)
        self.session: Session | None = None
        self.lock = threading.RLock()
        self.journeys: list[Journey] = []
        self._attract = AttractPage(attract_notice)
        self._listeners: list[Listener] = []
        self._event_listeners: list[tuple[type[HostEvent], Callable[[Any], None]]] = []
        self._history: list[tuple[str, Any]] = []
        self._handlers: dict[type[it.Intent], Handler] = {}
        self._transitions: dict[type[it.Intent], Transition] = {}
        self._owner: dict[str, Journey] = {}
        self._resting = {ATTRACT}  # screens with no session: no idle timeout, no Home/Back
        for transition in _HOST_TRANSITIONS:
            self._transitions[transition.intent] = transition
        self._handlers.update(self._host_handlers())
        self._state = ViewState(chrome=Chrome(language=language, alerts=self._alerts()),
                                page=self._attract)
        devices.add_listener(self._device_event)

    # --- registration ---------------------------------------------------------------------
    def register(self, journey_class: Callable[["FlowHost"], Journey]) -> Journey:
        """Build a journey on this host and add its screens, handlers and transitions."""
        journey = journey_class(self)
        handlers = dict(journey.handlers())
        for intent in handlers:
            if intent in self._handlers:
                raise ValueError(f"{journey.name}: {intent.__name__} already has a handler")
        for screen in journey.screens:
            if screen in self._owner or screen == ATTRACT:
                raise ValueError(f"{journey.name}: screen {screen!r} already taken")
            self._owner[screen] = journey
        table = {t.intent: t for t in journey.transitions}
        missing = set(handlers) ^ set(table)
        if missing:
            raise ValueError(f"{journey.name}: handlers and transitions differ on "
                             + ", ".join(sorted(i.__name__ for i in missing)))
        self._handlers.update(handlers)
        self._transitions.update(table)
        self._resting |= set(journey.resting_screens)
        self.journeys.append(journey)
        return journey

    def handled_intents(self) -> frozenset[type[it.Intent]]:
        """Every intent type with a handler (for the guard test and diagnostics)."""
        return frozenset(self._handlers)

    def transition_table(self) -> Mapping[type[it.Intent], Transition]:
        """The merged transition table of the host and every journey."""
        return dict(self._transitions)

    # --- observing ------------------------------------------------------------------------
    @property
    def state(self) -> ViewState:
        """The current view state."""
        return self._state

    def add_listener(self, cb: Listener) -> None:
        """cb(state) after every change; may run on any thread, must not block."""
        self._listeners.append(cb)

    def subscribe(self, event_type: type[HostEvent], cb: Callable[[Any], None]) -> None:
        """cb(event) for each host event of event_type (e.g. StaffCalled); must not block."""
        self._event_listeners.append((event_type, cb))

    def unsubscribe(self, cb: Callable[[Any], None]) -> None:
        """Stop calling cb for host events."""
        self._event_listeners = [(t, c) for t, c in self._event_listeners if c != cb]

    def raise_event(self, event: HostEvent) -> None:
        """Tell the subscribers; one failing subscriber does not stop the others."""
        for event_type, cb in list(self._event_listeners):
            if isinstance(event, event_type):
                try:
                    cb(event)
                except Exception:
                    log.exception("listener of %s failed", type(event).__name__)

    # --- the API journeys use --------------------------------------------------------------
    def show(self, screen: str, page: Any, remember: bool = False) -> None:
        """Show screen with page; remember=True pushes the current screen for Back."""
        with self.lock:
            if remember and self._state.screen != screen:
                self._history.append((self._state.screen, self._state.page))
            self._set(replace(self._state, screen=screen, page=page))

    def update(self, page: Any) -> None:
        """Replace the current screen's page (no-op when equal)."""
        with self.lock:
            if page != self._state.page:
                self._set(replace(self._state, page=page))

    def begin_session(self) -> None:
        """A resident starts: a fresh session, an empty navigation stack."""
        with self.lock:
            self.session = Session(self.clock)
            self.session.language = self._state.language
            self.session.elder_mode = self._state.elder_mode
            self._history.clear()

    def reset_history(self) -> None:
        """Forget every screen but the attract screen (Home)."""
        with self.lock:
            self._history = [(s, p) for s, p in self._history if s == ATTRACT][:1]

    def end_session(self) -> None:
        """Wipe the session and show the attract screen in the default language."""
        with self.lock:
            ended = self.session is not None
            if self.session is not None:
                self.session.wipe()
                self.session = None
            self._history.clear()
            reminder = next((m for m in (j.session_end_reminder() for j in self.journeys) if m), None)
            for journey in self.journeys:
                journey.reset()
            chrome = Chrome(language=self.default_language, alerts=self._alerts())
            self._set(ViewState(ATTRACT, chrome, replace(self._attract, reminder=reminder)))
        if ended:
            self.raise_event(SessionEnded(self.clock()))

    def set_attract_availability(self, lines: tuple[Msg, ...]) -> None:
        """The attract screen's lines on what works now (the staff journey keeps them current)."""
        with self.lock:
            if lines != self._attract.availability:
                self._attract = replace(self._attract, availability=tuple(lines))
                if self._state.screen == ATTRACT:
                    self._set(replace(self._state, page=self._attract))

    def preview_states(self) -> list[ViewState]:
        """States of the journeys' main screens, for the UI to lay out while nobody touches."""
        return [s for j in self.journeys for s in j.warm_up_states(self._state.chrome)]

    # --- intents --------------------------------------------------------------------------
    def dispatch(self, intent: it.Intent) -> None:
        """Apply one intent; every intent counts as activity. Unknown types raise."""
        with self.lock:
            self.idle.touch()
            handler = self._handlers.get(type(intent))
            if handler is None:
                raise UnhandledIntent(f"no handler for {intent!r}")
            transition = self._transitions[type(intent)]
            before = self._state.screen
            if transition.sources is not None and before not in transition.sources:
                log.debug("%s ignored on %s", type(intent).__name__, before)
                return
            handler(intent)
            after = self._state.screen
            targets = transition.targets
            if targets is not None and ATTRACT in targets:  # the end of a session may rest
                targets = targets | self._resting  # on out of service instead of attract
            if after != before and targets is not None and after not in targets:
                raise TransitionError(f"{type(intent).__name__}: {before} -> {after} "
                                      "is not in the transition table")

    def tick(self) -> None:
        """Called periodically (UI clock): shows the idle warning, expires the session."""
        with self.lock:
            if self._state.screen in self._resting:
                return
            status = self.idle.status()
            if status.phase == IdlePhase.EXPIRED:
                log.info("session timed out; wiping")
                self.end_session()
            elif status.phase == IdlePhase.WARNING:
                self._set_chrome(idle_seconds_left=round(status.seconds_left))
            else:
                self._set_chrome(idle_seconds_left=None)

    def _host_handlers(self) -> dict[type[it.Intent], Handler]:
        return {it.SetLanguage: self._set_language, it.ToggleElderMode: self._toggle_elder,
                it.ToggleLowReach: self._toggle_low_reach,
                it.ExtendSession: self._activity, it.Activity: self._activity,
                it.OpenHelp: self._open_help, it.CloseHelp: self._close_help,
                it.Back: self._back, it.Finish: lambda _i: self.end_session()}

    def _activity(self, _: it.Intent) -> None:
        self._set_chrome(idle_seconds_left=None)

    def _set_language(self, intent: it.SetLanguage) -> None:
        if intent.language not in LANGUAGES:
            raise ValueError(f"unknown language {intent.language!r}")
        if self.session:
            self.session.language = intent.language
        state = self._state
        page = self._refresh(state.screen, state.page, intent.language)
        self._set(replace(state, page=page, chrome=replace(state.chrome, language=intent.language)))

    def _toggle_elder(self, _: it.ToggleElderMode) -> None:
        elder = not self._state.elder_mode
        if self.session:
            self.session.elder_mode = elder
        self._set_chrome(elder_mode=elder)

    def _toggle_low_reach(self, _: it.ToggleLowReach) -> None:
        self._set_chrome(low_reach=not self._state.chrome.low_reach)

    def _open_help(self, _: it.OpenHelp) -> None:
        state = self._state
        self._set_chrome(help_open=True)
        self.raise_event(StaffCalled(state.screen, state.language, state.elder_mode, self.clock()))

    def _close_help(self, _: it.CloseHelp) -> None:
        self._set_chrome(help_open=False)

    def _back(self, _: it.Back) -> None:
        owner = self._owner.get(self._state.screen)
        if owner is not None and owner.back(self._state):
            return
        while self._history:
            screen, page = self._history.pop()
            if screen == ATTRACT:
                self.end_session()
                return
            journey = self._owner.get(screen)
            if journey is not None and screen in journey.transient_screens and self._history:
                continue  # never go back into a finished step (a print)
            page = self._refresh(screen, page, self._state.language)
            self._set(replace(self._state, screen=screen, page=page,
                              chrome=replace(self._state.chrome, idle_seconds_left=None)))
            return

    def _refresh(self, screen: str, page: Any, lang: str) -> Any:
        journey = self._owner.get(screen)
        return page if journey is None else journey.refresh(screen, page, lang)

    # --- devices --------------------------------------------------------------------------
    def _alerts(self) -> tuple[Msg, ...]:
        alerts = []
        for name, status in sorted(self.devices.statuses().items()):
            if status.state in _DOWN:
                alerts.append(Msg.of("alert.device_down", device=Msg(f"device.{name}")))
            elif status.media in _MEDIA_ALERTS:
                alerts.append(Msg.of(f"alert.{status.media.value}", device=Msg(f"device.{name}")))
        return tuple(alerts)

    def _device_event(self, event: DeviceEvent) -> None:
        """Device threads: the chrome's alerts follow status, then every journey hears it."""
        with self.lock:
            if event.kind == "status":
                self._set_chrome(alerts=self._alerts())
            for journey in self.journeys:
                journey.on_device_event(event)

    # --- state ----------------------------------------------------------------------------
    def _set_chrome(self, **changes: Any) -> None:
        chrome = replace(self._state.chrome, **changes)
        if chrome != self._state.chrome:
            self._set(replace(self._state, chrome=chrome))

    def _set(self, state: ViewState) -> None:
        with self.lock:
            # elder and keypad modes get longer idle times (keypad_mode: the keypad helper's field)
            self.idle.set_mode(state.chrome.elder_mode, getattr(state.chrome, "keypad_mode", False))
            old = self._state
            in_session = state.screen not in self._resting
            chrome = replace(state.chrome, in_session=in_session,
                             can_go_back=in_session and bool(self._history))
            new = replace(state, chrome=chrome, revision=old.revision + 1)
            self._state = new
            if old.screen != new.screen:
                owner = self._owner.get(old.screen)
                if owner is not None:
                    owner.on_leave(old, new)
            for cb in list(self._listeners):
                cb(new)
