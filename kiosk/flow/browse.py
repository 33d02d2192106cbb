"""The browse journey: attract -> catalog -> guide -> print -> done, with the idle timeout."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from typing import Any, Callable

from drivers.base import CommandHandle, DeviceEvent, HalError
from drivers.printer.base import PrintJob
from kiosk.flow import intents as it
from kiosk.flow.scanning import ScanningMixin
from kiosk.flow.view import GuideView, PrintView, Screen, ViewState
from kiosk.i18n import LANGUAGES, Translator
from kiosk.idle import IdlePhase, IdleTimer
from kiosk.session import Session

log = logging.getLogger(__name__)

Listener = Callable[[ViewState], None]


class BrowseFlow(ScanningMixin):
    """State machine for browsing guides and printing them; thread-safe, never blocks.

    `content` turns catalog objects into view data (kiosk.flow.content.CatalogContent);
    `devices` is a kiosk.devices.DeviceHub; `clock` is injectable so tests control time.
    """

    def __init__(self, content: Any, devices: Any, translator: Translator, *,
                 idle_timeout_s: float, idle_warning_s: float, language: str = "zh",
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.content = content
        self.devices = devices
        self.tr = translator
        self.clock = clock
        self.default_language = language
        self.idle = IdleTimer(idle_timeout_s, idle_warning_s, clock)
        self.session: Session | None = None
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._history: list[ViewState] = []
        self._print_handle: CommandHandle | None = None
        self._answers: dict[str, str] = {}
        devices.add_listener(self._device_event)
        self._state = ViewState(language=language, notice=content.notice(language))

    # --- observing ------------------------------------------------------------------------
    @property
    def state(self) -> ViewState:
        """The current view state."""
        return self._state

    def add_listener(self, cb: Listener) -> None:
        """cb(state) after every change; may run on any thread, must not block."""
        self._listeners.append(cb)

    def _set(self, state: ViewState, remember: bool = False) -> None:
        with self._lock:
            if remember and self._state.screen != state.screen:
                self._history.append(self._state)
            old = self._state
            self._state = replace(state, revision=self._state.revision + 1)
            self._leave_scan(old, self._state)
            new = self._state
            for cb in list(self._listeners):
                cb(new)

    def preview_states(self) -> list[ViewState]:
        """A catalog and a guide state, for the UI to lay out ahead of the first resident."""
        lang = self._state.language
        groups = self.content.browse(self._state.browse_kind, lang)
        states = [replace(self._state, screen=Screen.CATALOG, groups=groups)]
        first = next((e for g in groups for e in g.entries if not e.is_bundle), None)
        if first is not None:
            guide = self.content.guide(first.code, lang, self.devices.statuses(), {})
            states.append(replace(self._state, screen=Screen.GUIDE, guide=guide))
        return states

    # --- intents --------------------------------------------------------------------------
    def dispatch(self, intent: it.Intent) -> None:
        """Apply one intent; every intent except the idle tick counts as activity."""
        with self._lock:
            self.idle.touch()
            handler = getattr(self, "_on_" + type(intent).__name__, None)
            if handler is None:
                raise TypeError(f"no handler for {intent!r}")
            handler(intent)

    def tick(self) -> None:
        """Called periodically (UI clock): shows the idle warning, expires the session."""
        with self._lock:
            if self._state.screen == Screen.ATTRACT:
                return
            status = self.idle.status()
            if status.phase == IdlePhase.EXPIRED:
                log.info("session timed out; wiping")
                self._end_session()
            elif status.phase == IdlePhase.WARNING:
                left = round(status.seconds_left)
                if self._state.idle_seconds_left != left:
                    self._set(replace(self._state, idle_seconds_left=left))
            elif self._state.idle_seconds_left is not None:
                self._set(replace(self._state, idle_seconds_left=None))

    def _on_Activity(self, _: it.Activity) -> None:
        if self._state.idle_seconds_left is not None:
            self._set(replace(self._state, idle_seconds_left=None))

    _on_ExtendSession = _on_Activity

    def _begin_session(self) -> None:
        self.session = Session(self.clock)
        self.session.language = self._state.language
        self.session.elder_mode = self._state.elder_mode
        self._history.clear()

    def _on_Start(self, _: it.Start) -> None:
        if self._state.screen != Screen.ATTRACT:
            return
        self._begin_session()
        self._show_catalog(self._state.browse_kind, remember=True)

    def _on_SetLanguage(self, intent: it.SetLanguage) -> None:
        if intent.language not in LANGUAGES:
            raise ValueError(f"unknown language {intent.language!r}")
        self.tr.language = intent.language
        if self.session:
            self.session.language = intent.language
        self._history = [self._relocalize(s, intent.language) for s in self._history]
        self._set(self._relocalize(self._state, intent.language))

    def _on_ToggleElderMode(self, _: it.ToggleElderMode) -> None:
        elder = not self._state.elder_mode
        if self.session:
            self.session.elder_mode = elder
        self._set(replace(self._state, elder_mode=elder))

    def _on_Browse(self, intent: it.Browse) -> None:
        self._show_catalog(intent.kind)

    def _on_Search(self, intent: it.Search) -> None:
        results = self.content.search(intent.query, self._state.language)
        self._set(replace(self._state, query=intent.query, results=results))

    def _guide_for(self, code: str, bundle: bool, chosen: set[str] | None,
                   lang: str) -> GuideView | None:
        """Build (or rebuild) a guide with live device status and the answers given so far."""
        statuses = self.devices.statuses()
        if bundle:
            return self.content.bundle_guide(code, chosen, lang, statuses, self._answers)
        return self.content.guide(code, lang, statuses, self._answers)

    def _refresh_guide(self, state: ViewState, lang: str) -> GuideView | None:
        guide = state.guide
        if guide is None:
            return None
        chosen = {c for c, _, on in guide.bundle_items if on} or None
        return self._guide_for(guide.code, bool(guide.bundle_items), chosen, lang)

    def _device_event(self, event: DeviceEvent) -> None:
        """Live HAL status changes what the guide says; camera events feed the scan screen."""
        if event.kind != "status":
            with self._lock:
                self._scan_event(event)
            return
        with self._lock:
            if self._state.screen == Screen.GUIDE and self._state.guide is not None:
                guide = self._refresh_guide(self._state, self._state.language)
                if guide is not None and guide != self._state.guide:
                    self._set(replace(self._state, guide=guide))

    def _on_AnswerQuestion(self, intent: it.AnswerQuestion) -> None:
        if intent.answer not in ("yes", "no") or self._state.guide is None:
            return
        self._answers[intent.question_id] = intent.answer
        self._set(replace(self._state, guide=self._refresh_guide(self._state, self._state.language)))

    def _on_OpenService(self, intent: it.OpenService) -> None:
        guide = self._guide_for(intent.code, False, None, self._state.language)
        if guide is not None:
            self._set(replace(self._state, screen=Screen.GUIDE, guide=guide, printing=None),
                      remember=True)

    def _on_OpenBundle(self, intent: it.OpenBundle) -> None:
        guide = self._guide_for(intent.bundle_id, True, None, self._state.language)
        if guide is not None:
            self._set(replace(self._state, screen=Screen.GUIDE, guide=guide, printing=None),
                      remember=True)

    def _on_ToggleBundleItem(self, intent: it.ToggleBundleItem) -> None:
        guide = self._state.guide
        if guide is None or not guide.bundle_items:
            return
        chosen = {code for code, _, on in guide.bundle_items if on} ^ {intent.code}
        if not chosen:
            return  # a bundle needs at least one item
        new = self._guide_for(guide.code, True, chosen, self._state.language)
        if new is not None:
            self._set(replace(self._state, guide=new))

    def _on_PrintGuide(self, _: it.PrintGuide) -> None:
        guide = self._state.guide
        if guide is None or self._state.screen != Screen.GUIDE:
            return
        data = self.content.notice_slip(guide, self._state.language)
        job = PrintJob(data=data, title=guide.code)
        printer = self.devices.get("printer")
        self._set(replace(self._state, screen=Screen.PRINTING,
                          printing=PrintView("printing", self.tr.t("print.printing"))),
                  remember=True)
        handle = printer.print_job(job, timeout=60.0)
        self._print_handle = handle
        handle.add_done_callback(self._print_finished)

    def _print_finished(self, handle: CommandHandle) -> None:
        with self._lock:
            if handle is not self._print_handle or self._state.screen != Screen.PRINTING:
                return  # the session moved on (timeout, home) while printing
            self._print_handle = None
            error = handle.exception()
            if error is None:
                self._set(replace(self._state, screen=Screen.DONE,
                                  printing=PrintView("done", self.tr.t("print.done"))))
            else:
                message = self._error_message(error)
                self._set(replace(self._state, screen=Screen.DONE,
                                  printing=PrintView("failed", message)))

    def _error_message(self, error: BaseException) -> str:
        code = error.code if isinstance(error, HalError) else "driver_error"
        key = f"print.error.{code}"
        if key in self.tr.strings:
            return self.tr.t(key)
        return self.tr.t("print.error.other")

    def _on_Back(self, _: it.Back) -> None:
        if self._state.screen == Screen.CATALOG and self._state.query:
            self._set(replace(self._state, query="", results=()))
            return
        if not self._history:
            return
        prev = self._history.pop()
        if prev.screen == Screen.ATTRACT:
            self._end_session()
            return
        if prev.screen == Screen.PRINTING:  # never go back into a finished print
            prev = self._history.pop() if self._history else prev
        self._set(replace(prev, language=self._state.language, elder_mode=self._state.elder_mode,
                          idle_seconds_left=None))

    def _on_Home(self, _: it.Home) -> None:
        if self._state.screen == Screen.ATTRACT:
            return  # Home means the catalog's start, and only within a session
        self._history = [s for s in self._history if s.screen == Screen.ATTRACT]
        self._show_catalog(self._state.browse_kind, remember=True)

    def _on_Finish(self, _: it.Finish) -> None:
        self._end_session()

    # --- helpers --------------------------------------------------------------------------
    def _show_catalog(self, kind: str, remember: bool = False) -> None:
        groups = self.content.browse(kind, self._state.language)
        self._set(replace(self._state, screen=Screen.CATALOG, browse_kind=kind, groups=groups,
                          hot_keywords=self.content.hot_keywords(self._state.language),
                          query="", results=(), guide=None, printing=None), remember=remember)

    def _relocalize(self, state: ViewState, lang: str) -> ViewState:
        """The same screen, its content re-rendered in another language."""
        new = replace(state, language=lang, notice=self.content.notice(lang))
        if state.screen == Screen.ATTRACT:
            return new
        new = replace(new, groups=self.content.browse(state.browse_kind, lang),
                      hot_keywords=self.content.hot_keywords(lang),
                      results=self.content.search(state.query, lang) if state.query else ())
        if state.guide is not None:
            new = replace(new, guide=self._refresh_guide(state, lang))
        if state.scan is not None:
            new = replace(new, scan=self._say(state.scan, lang))
        if state.printing is not None and state.printing.state != "failed":
            new = replace(new, printing=PrintView(state.printing.state,
                                                  self.tr.t(f"print.{state.printing.state}", lang)))
        return new

    def _end_session(self) -> None:
        if self._print_handle is not None:
            self._print_handle = None  # the slip still prints; nobody waits for it
        if self.session is not None:
            self.session.wipe()
            self.session = None
        self._history.clear()
        self._answers.clear()
        self.tr.language = self.default_language
        self._set(ViewState(language=self.default_language,
                            notice=self.content.notice(self.default_language)))
