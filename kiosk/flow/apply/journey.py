"""The apply journey: guide -> identify -> form -> materials -> review -> submitted (receipt)."""
from __future__ import annotations

import logging
from typing import Any, Callable

from drivers.base import DeviceEvent
from drivers.card_reader.base import CARD_INSERTED, CARD_REMOVED
from drivers.qr_camera.base import CODE_SCANNED
from kiosk.flow.apply import identity_card_left as card_reminder
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.case import ApplyCase
from kiosk.flow.apply.form_step import FormStep
from kiosk.flow.apply.identify_step import IdentifyStep
from kiosk.flow.apply.material_pages import CAPTURE, SIGN
from kiosk.flow.apply.input_step import InputStep
from kiosk.flow.apply.materials_step import MaterialsStep
from kiosk.flow.apply.merge import ApplySubject, case_materials, subject_for
from kiosk.flow.apply.notice_step import NoticeStep
from kiosk.flow.apply.pages import FORM, IDENTIFY, MATERIALS, REVIEW, SUBMITTED, IdentifyPage
from kiosk.flow.apply.submit_step import SubmitStep
from kiosk.flow.apply.transitions import TRANSITIONS
from kiosk.flow.journey import Journey
from kiosk.i18n import Msg

log = logging.getLogger(__name__)


class ApplyJourney(Journey):
    """Applies for a service or a bundle's items done here; platform calls run on the executor."""

    name = "apply"
    screens = (IDENTIFY, FORM, MATERIALS, CAPTURE, SIGN, REVIEW, SUBMITTED)
    transient_screens = frozenset({SUBMITTED})
    transitions = TRANSITIONS

    def __init__(self, host) -> None:
        super().__init__(host)
        self.services = getattr(host, "services", None)
        self.case: ApplyCase | None = None
        self.card_present = False
        self._subject: tuple | None = None  # (case key, ApplySubject): merged once per case
        self.identify = IdentifyStep(self)
        self.form = FormStep(self)
        self.materials = MaterialsStep(self, materials_of=case_materials)
        self.input = InputStep(self)
        self.submit = SubmitStep(self)
        self.notice = NoticeStep(self)
        if self.services is not None:
            self.services.outbox.add_listener(self.submit.on_outbox)

    def handlers(self) -> dict:
        """Every step's handlers."""
        return {ai.StartApply: self.start, **self.identify.handlers(), **self.form.handlers(),
                **self.input.handlers(), **self.materials.handlers(), **self.submit.handlers(),
                **self.notice.handlers()}

    def unavailable_reason(self) -> Msg | None:
        """Why Apply is disabled (no platform configured), None when applying is possible."""
        return Msg("apply.no_platform") if self.services is None else None

    def start(self, intent: ai.StartApply) -> None:
        """Begin an application for the open service or bundle (refused with a reason otherwise)."""
        guide = self.host.state.page.guide
        if guide.code != intent.code:
            return
        reason = self.unavailable_reason() if guide.availability.ok else \
            Msg("apply.not_here")
        if guide.bundle_items:  # the chosen items done here; the others are done elsewhere
            here = guide.availability.here_codes
            self.case = ApplyCase(intent.code, here or (intent.code,),
                                  guide.availability.elsewhere_codes)
        else:
            self.case = ApplyCase(intent.code)
        if reason is not None:
            self.host.show(IDENTIFY, IdentifyPage(intent.code, "blocked", reason), remember=True)
            return
        self.host.show(IDENTIFY, self.identify.first_page(self.case), remember=True)

    # -- helpers for the steps ---------------------------------------------------------------
    def subject(self, case: ApplyCase) -> ApplySubject | None:
        """What the case applies for: the item, or the bundle's items done here (merged)."""
        key = (case.code, case.item_codes, case.elsewhere_codes)
        if self._subject is None or self._subject[0] != key:
            self._subject = (key, subject_for(self.host.content.catalog, *key))
        return self._subject[1]

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
        """Follow the card on the reader (the form asks for it to be taken); e-ID codes to identify."""
        if event.device == "document_camera":
            self.materials.camera_event(event)
            return
        if event.kind == CODE_SCANNED and self.host.state.screen == IDENTIFY:
            self.identify.code_scanned(str(event.data.get("text", "")))
            return
        if event.device != "card_reader" or event.kind not in (CARD_INSERTED, CARD_REMOVED):
            return
        self.card_present = event.kind == CARD_INSERTED
        if card_reminder.on_card_event(self, self.card_present):
            return
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
            return self.materials.materials_page(case, bool(page.missing))
        if screen in (CAPTURE, SIGN):
            return self.materials.relabel(case, page, lang)
        if screen == REVIEW:
            return self.submit.review_page(case, page.error, lang)
        return page

    def back(self, state) -> bool:
        """Back from the camera or signature pad returns to the checklist; on the form with a picker
        open it closes the picker's level, not the form."""
        if state.screen in (CAPTURE, SIGN) and self.case is not None:
            self.materials.back_to_list()
            return True
        return state.screen == FORM and self.case is not None and self.input.back()

    def on_leave(self, old, new) -> None:
        """The e-ID rung's camera stops when the identify screen closes."""
        if old.screen == IDENTIFY:
            self.identify.leave()

    def session_end_reminder(self) -> Msg | None:
        """Asked on the attract screen (and spoken) when the card is still on the reader."""
        return card_reminder.at_session_end(self)

    def reset(self) -> None:
        """Session ended: a card left on the reader is logged (masked); everything is forgotten."""
        card_reminder.log_left_behind(self)
        self.identify.reset()
        if self.case is not None:
            self.case.wipe()
        self.case = None
        self.submit.reset()
        self.input.reset()
