"""Review and submit: the application goes through the outbox; the resident hears only what is true."""
from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from drivers.printer.base import PrintJob
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.case import ApplyCase
from kiosk.flow.apply.pages import FORM, MATERIALS, SUBMITTED, ReviewPage, SubmittedPage
from kiosk.flow.apply.receipt import acceptance_receipt_bytes
from kiosk.flow.browse.bundle_availability import elsewhere_lines
from kiosk.i18n import Msg
from kiosk.outbox import ACCEPTED, FAILED, QUEUED, REJECTED

if TYPE_CHECKING:
    from kiosk.flow.apply.journey import ApplyJourney

log = logging.getLogger(__name__)
# the catalog's delivery ways -> the platform's (a result printed at the kiosk, or at the window)
DELIVERY = {"kiosk": "kiosk_print", "courier": "courier", "window": "window"}
PRINT_TIMEOUT_S = 60.0


class SubmitStep:
    """Builds the review, enqueues the application, follows it in the outbox, prints the receipt."""

    def __init__(self, journey: "ApplyJourney") -> None:
        self.journey = journey
        self.host = journey.host
        self._outcomes: dict[str, object] = {}  # local_ref -> latest OutboxEntry (no personal data)

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {ai.SubmitApplication: self.submit, ai.EditSection: self.edit}

    def edit(self, intent: ai.EditSection) -> None:
        """Back from the review to the form or the materials, everything kept as it was."""
        case = self.journey.case
        if case is None or case.draft is None:
            return
        if intent.section == "form":
            self.host.show(FORM, self.journey.form.form_page(case), remember=True)
        elif intent.section == "materials":
            self.host.show(MATERIALS, self.journey.materials.materials_page(case), remember=True)

    def delivery(self, item) -> str:
        """How the result will be delivered (the first way the platform knows)."""
        return next((DELIVERY[d] for d in item.result_delivery if d in DELIVERY), "window")

    def review_page(self, case: ApplyCase, error: Msg | None = None,
                    lang: str | None = None) -> ReviewPage:
        """Everything on one screen (in lang, the current language by default)."""
        item, form = self.journey.subject(case), self.journey.form
        lang = lang or self.host.state.language
        return ReviewPage(case.code, item.name[lang], case.display_name,
                          case.assurance, form.rows(case), self.journey.materials.material_rows(case),
                          self.delivery(item), error,
                          tuple(f"{i.code} {i.name[lang]}" for i in item.items),
                          tuple(elsewhere_lines(item.elsewhere, lang)))

    def payload(self, case: ApplyCase) -> dict:
        """The application body (personal data: it is sealed in the outbox, never logged)."""
        item = self.journey.subject(case)
        values = case.draft.values()
        phone = values.get("mobile_phone") or str(case.shared.get("phone") or "")
        materials, _ = self.journey.materials.submission(case)
        bundle = {"bundle": item.bundle} if item.bundle else {}
        return {"items": list(item.item_codes), **bundle, "person_ref": case.person_ref,
                "form": {**values, "identity_assurance": case.assurance,
                         "identity_method": case.method},
                "materials": materials, "delivery": self.delivery(item), "contact_phone": phone}

    def submit(self, _: ai.SubmitApplication) -> None:
        """Store the application in the outbox (writer thread) and show that it is being stored."""
        case = self.journey.case
        if case.local_ref or case.draft is None:
            return  # already in the outbox: a second tap never sends it twice
        payload = self.payload(case)
        if not payload["contact_phone"]:
            self.host.update(self.review_page(case, Msg("apply.review.no_phone")))
            return
        case.receipt_materials = [(r.name, r.chosen) for r in
                                  self.journey.materials.material_rows(case) if r.chosen]
        _, uploads = self.journey.materials.submission(case)  # the captures and signatures
        self.host.show(SUBMITTED, SubmittedPage("storing", Msg("apply.submit.storing")), remember=True)
        future = self.journey.services.outbox.enqueue_async("application", payload, uploads,
                                                            summary=case.code)
        token = case.token
        future.add_done_callback(lambda f: self._stored(token, f))

    def _stored(self, token: object, future) -> None:
        with self.host.lock:
            case = self.journey.current(token, SUBMITTED)
            if case is None:
                return
            error = future.exception()
            if error is not None:
                log.error("apply: outbox refused the application (%s)", type(error).__name__)
                self.host.update(SubmittedPage("failed", Msg("apply.submit.outbox_error")))
                return
            entry = future.result()
            case.local_ref = entry.local_ref
            case.forget_personal()  # the sealed outbox holds the application now
            seen = self._outcomes.get(entry.local_ref)
            if seen is not None:
                self._show_outcome(case, seen)
            elif self.journey.services.outbox.sender.reachable is False:
                self._show_outcome(case, entry, queued=True)
            else:
                self.host.update(SubmittedPage("sending", Msg("apply.submit.sending"), entry.local_ref))

    def on_outbox(self, entry) -> None:
        """Outbox listener (sender thread): follow this session's application."""
        with self.host.lock:
            self._outcomes[entry.local_ref] = entry
            case = self.journey.case
            if case is None or case.local_ref != entry.local_ref or self.host.state.screen != SUBMITTED:
                return
            self._show_outcome(case, entry)

    def _show_outcome(self, case: ApplyCase, entry, queued: bool = False) -> None:
        state = entry.state
        if state == ACCEPTED:
            self._finish(case, "accepted", Msg.of("apply.submit.accepted", number=entry.remote_ref),
                         entry.remote_ref)
        elif state == REJECTED:
            self.host.update(SubmittedPage("rejected", Msg.of("apply.submit.rejected",
                                                              number=entry.remote_ref or ""),
                                           entry.remote_ref or entry.local_ref))
        elif state == FAILED:
            self.host.update(SubmittedPage("failed", Msg("apply.submit.failed"), entry.local_ref))
        elif state == QUEUED and (queued or entry.attempts > 0):
            self._finish(case, "queued", Msg.of("apply.submit.queued", reference=entry.local_ref),
                         entry.local_ref)

    def _finish(self, case: ApplyCase, state: str, message: Msg, reference: str) -> None:
        """Tell the resident and print the receipt once (an accepted one after a queued one)."""
        if case.printed == state:
            return
        case.printed = state
        self.host.update(SubmittedPage(state, message, reference, Msg("apply.receipt.printing")))
        item = self.journey.subject(case)
        promised = (dt.date.today() + dt.timedelta(days=item.promised_limit_days)).isoformat()
        data = acceptance_receipt_bytes(item, self.host.state.language, self.host.content.tr,
                                        state=state, reference=reference,
                                        materials=list(case.receipt_materials),
                                        promised_date=promised,
                                        delivery=self.delivery(item),
                                        large=self.host.state.elder_mode)
        handle = self.host.devices.printer.print_job(PrintJob(data=data, title="receipt"),
                                                     timeout=PRINT_TIMEOUT_S)
        case.receipt_bytes = data
        token = case.token
        handle.add_done_callback(lambda h: self._printed(token, h))

    def _printed(self, token: object, handle) -> None:
        with self.host.lock:
            case = self.journey.current(token, SUBMITTED)
            if case is None:
                return
            page = self.host.state.page
            key = "apply.receipt.printed" if handle.exception() is None else "apply.receipt.print_failed"
            self.host.update(SubmittedPage(page.state, page.message, page.reference, Msg(key)))

    def reset(self) -> None:
        """Forget the outcomes heard (references only)."""
        self._outcomes.clear()
