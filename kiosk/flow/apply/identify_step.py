"""Identify step: read the ID card, or (only where the service allows low assurance) type it; verify."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from drivers.base import HalError
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.case import ApplyCase
from kiosk.flow.apply.pages import IDENTIFY, IdentifyPage
from kiosk.i18n import Msg, default_strings
from kiosk.input.validators import check_id_number, check_name
from kiosk.privacy import mask_id

if TYPE_CHECKING:
    from kiosk.flow.apply.journey import ApplyJourney

log = logging.getLogger(__name__)
READ_TIMEOUT_S = 15.0


def required_assurance(item) -> str:
    """The catalog's assurance requirement if it has one, else "high" when the ID card original is needed."""
    declared = getattr(item, "assurance", None)
    if declared:
        return declared
    needs_original = any(m.id == "id_card" and m.originals > 0 for m in item.materials)
    return "high" if needs_original else "low"


def card_error_message(error: BaseException) -> Msg:
    """Why the card could not be read, specific where the HAL code is known."""
    code = error.code if isinstance(error, HalError) else "other"
    key = f"apply.card.error.{code}"
    return Msg(key) if key in default_strings() else Msg("apply.card.error.other")


class IdentifyStep:
    """The identity ladder: ID card, then typed ID number and name where low assurance is enough."""

    def __init__(self, journey: "ApplyJourney") -> None:
        self.journey = journey
        self.host = journey.host

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {ai.ReadIdCard: self.read_card, ai.TypeIdentity: self.type_identity}

    def first_page(self, case: ApplyCase) -> IdentifyPage:
        """The page asking for the ID card."""
        return IdentifyPage(case.code, "ready", Msg("apply.identify.insert_card"))

    def _fallback_page(self, case: ApplyCase, why: Msg) -> IdentifyPage:
        item = self.host.content.catalog.get(case.code)
        if required_assurance(item) == "high":
            return IdentifyPage(case.code, "failed", why, can_type=False,
                                typed_refused=Msg("apply.identify.typed_refused_high"))
        return IdentifyPage(case.code, "failed", why, can_type=True)

    def read_card(self, _: ai.ReadIdCard) -> None:
        """Ask the reader for the card; the answer comes back on the reader's thread."""
        case = self.journey.case
        self.host.update(IdentifyPage(case.code, "reading", Msg("apply.identify.reading")))
        handle = self.host.devices.card_reader.read_card(timeout=READ_TIMEOUT_S)
        handle.add_done_callback(lambda h: self._card_read(case.token, h))

    def _card_read(self, token: object, handle) -> None:
        with self.host.lock:
            case = self.journey.current(token, IDENTIFY)
            if case is None:
                return
            error = handle.exception()
            if error is not None:
                log.info("apply: card read failed (%s)", getattr(error, "code", type(error).__name__))
                self.host.update(self._fallback_page(case, card_error_message(error)))
                return
            record = handle.result()
            case.card, case.id_number, case.name = record, record.id_number, record.name
            case.masked = mask_id(record.id_number)
            self._verify(case, "id_card")

    def type_identity(self, intent: ai.TypeIdentity) -> None:
        """The typed rung: checked here, refused for services that need high assurance."""
        case = self.journey.case
        item = self.host.content.catalog.get(case.code)
        if required_assurance(item) == "high":
            self.host.update(IdentifyPage(case.code, "failed",
                                          Msg("apply.identify.typed_refused_high"),
                                          typed_refused=Msg("apply.identify.typed_refused_high")))
            return
        number, error = check_id_number(intent.id_number)
        if error is None:
            name, error = check_name(intent.name)
        if error is not None:
            self.host.update(IdentifyPage(case.code, "failed", error, can_type=True))
            return
        case.id_number, case.name = number, name
        self._verify(case, "typed")

    def _verify(self, case: ApplyCase, method: str) -> None:
        """POST /identity/verify on the executor, then shared data and certificates."""
        self.host.update(IdentifyPage(case.code, "verifying", Msg("apply.identify.verifying")))
        client = self.journey.services.client
        number, name = case.id_number, case.name

        def work() -> tuple:
            identity = client.verify_identity(method=method, id_number=number, name=name)
            shared = client.shared_data(identity.person_ref)
            certs = client.certificates(identity.person_ref)
            return identity, shared, certs

        self.journey.run(case.token, IDENTIFY, work, self._verified, self._verify_failed)

    def _verified(self, case: ApplyCase, answer: tuple) -> None:
        identity, shared, certs = answer
        case.person_ref, case.assurance = identity.person_ref, identity.assurance
        case.display_name = identity.display_name
        case.shared = {k: (v.get("value") if isinstance(v, dict) else v)
                       for k, v in shared.fields.items()}
        case.certificates = list(certs)
        self.journey.form.open(case)

    def _verify_failed(self, case: ApplyCase, error: BaseException) -> None:
        code = getattr(error, "code", None)
        log.info("apply: identity check failed (%s)", code or type(error).__name__)
        why = Msg("apply.identify.unknown_person") if code == "person_unknown" else \
            Msg("apply.identify.platform_unreachable")
        self.host.update(self._fallback_page(case, why) if code == "person_unknown"
                         else IdentifyPage(case.code, "failed", why))
