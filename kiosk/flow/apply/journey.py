"""The apply journey: guide -> identify -> form -> materials -> review -> submitted (receipt)."""
from __future__ import annotations

import logging
from typing import Any, Callable

from drivers.base import DeviceEvent
from drivers.card_reader.base import CARD_INSERTED, CARD_REMOVED
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.case import ApplyCase
from kiosk.flow.apply.form_step import FormStep
from kiosk.flow.apply.identify_step import IdentifyStep
from kiosk.flow.apply.input_step import InputStep
from kiosk.flow.apply.pages import FORM, IDENTIFY, MATERIALS, REVIEW, SUBMITTED, IdentifyPage
from kiosk.flow.apply.submit_step import SubmitStep
from kiosk.flow.apply.transitions import TRANSITIONS
from kiosk.flow.journey import Journey
from kiosk.i18n import Msg

log = logging.getLogger(__name__)


class ApplyJourney(Journey):
    """Applies for one single service; platform calls run on the host's executor."""

    name = "apply"
    screens = (IDENTIFY, FORM, MATERIALS, REVIEW, SUBMITTED)
    transient_screens = frozenset({SUBMITTED})
    transitions = TRANSITIONS

    def __init__(self, host) -> None:
        super().__init__(host)
        self.services = getattr(host, "services", None)
        self.case: ApplyCase | None = None
        self.card_present = False
        self.identify = IdentifyStep(self)
        self.form = FormStep(self)
        self.input = InputStep(self)
        self.submit = SubmitStep(self)
        if self.services is not None:
            self.services.outbox.add_listener(self.submit.on_outbox)

    def handlers(self) -> dict:
        """Every step's handlers."""
        return {ai.StartApply: self.start, **self.identify.handlers(), **self.form.handlers(),
                **self.input.handlers(), **self.submit.handlers()}

    def unavailable_reason(self) -> Msg | None:
        """Why Apply is disabled (no platform configured), None when applying is possible."""
        return Msg("apply.no_platform") if self.services is None else None

    def start(self, intent: ai.StartApply) -> None:
        """Begin an application for the open single service (refused with a reason otherwise)."""
        guide = self.host.state.page.guide
        if guide.bundle_items or guide.code != intent.code:
            return  # bundles are not applied for yet
        reason = self.unavailable_reason() if guide.availability.ok else \
            Msg("apply.not_here")
        self.case = ApplyCase(intent.code)
        if reason is not None:
            self.host.show(IDENTIFY, IdentifyPage(intent.code, "blocked", reason), remember=True)
            return
        self.host.show(IDENTIFY, self.identify.first_page(self.case), remember=True)

    # -- helpers for the steps ---------------------------------------------------------------
    def current(self, token: object, screen: str) -> ApplyCase | None:
        """The case if it is still this session's and its screen still shows (else None)."""
        case = self.case
        if case is None or case.token is not token or self.host.state.screen != screen:
            return None
        return case

    def run(self, token: object, screen: str, work: Callable[[], Any],
            ok: Callable[[ApplyCase, Any], None], fail: Callable[[ApplyCase, BaseException], None]) -> None:
        """Run work on the host's executor; ok/fail run under the lock if the case still shows."""
        def done(future) -> None:
            with self.host.lock:
                case = self.current(token, screen)
                if case is None:
                    return
                error = future.exception()
                ok(case, future.result()) if error is None else fail(case, error)

        self.host.executor.submit(work).add_done_callback(done)

    # -- hooks -------------------------------------------------------------------------------
    def on_device_event(self, event: DeviceEvent) -> None:
        """Follow the card on the reader; the form asks for it to be taken until it is."""
        if event.device != "card_reader" or event.kind not in (CARD_INSERTED, CARD_REMOVED):
            return
        self.card_present = event.kind == CARD_INSERTED
        if self.case is not None and self.host.state.screen == FORM and self.case.draft is not None:
            self.host.update(self.form.form_page(self.case))

    def refresh(self, screen: str, page: Any, lang: str) -> Any:
        """Identify, form and materials again (labels in lang, values kept)."""
        case = self.case
        if case is not None and screen == IDENTIFY and page.state in ("reading", "verifying"):
            return self.identify.first_page(case)  # Back to a finished read asks for the card again
        if case is None or case.draft is None:
            return page
        if screen == FORM:
            return self.form.form_page(case)
        if screen == MATERIALS:
            return self.form.materials_page(case, bool(page.missing))
        return page

    def back(self, state) -> bool:
        """Back on the form with a picker open closes the picker's level, not the form."""
        return state.screen == FORM and self.case is not None and self.input.back()

    def reset(self) -> None:
        """Session ended: a card left on the reader is logged (masked); everything is forgotten."""
        if self.card_present and self.case is not None:
            log.warning("apply: an ID card was left on the reader at the end of the session (%s)",
                        self.case.masked or "unread")
        if self.case is not None:
            self.case.wipe()
        self.case = None
        self.submit.reset()
        self.input.reset()
