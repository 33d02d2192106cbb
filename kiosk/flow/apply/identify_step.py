"""Identify step: the identity ladder (ID card, e-passport, e-ID QR code, typed), each verified by the platform."""
from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING

from drivers.base import DeviceState, HalError
from kiosk.flow.apply import identity_intents as ii
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.case import ApplyCase
from kiosk.flow.apply.identity_eid import eid_token
from kiosk.flow.apply.identity_ladder import Ladder
from kiosk.flow.apply import identity_mrz_ocr as mrz_ocr
from kiosk.flow.apply.identity_mrz import bac_line, check_all
from kiosk.flow.apply.identity_pages import IdentityPage
from kiosk.flow.apply.identity_ways import (EID_QR, ID_CARD, PASSPORT, PLATFORM_METHOD, TYPED,
                                            kiosk_level, next_way, refused_ways,
                                            required_assurance, usable_ways)
from kiosk.flow.apply.pages import IDENTIFY
from kiosk.i18n import Msg, default_strings
from kiosk.input.validators import check_id_number, check_name
from kiosk.privacy import mask_id

if TYPE_CHECKING:
    from kiosk.flow.apply.journey import ApplyJourney

log = logging.getLogger(__name__)
READ_TIMEOUT_S = 15.0
__all__ = ["IdentifyStep", "card_error_message", "required_assurance"]


def card_error_message(error: BaseException, prefix: str = "apply.card.error") -> Msg:
    """Why the card (or passport) could not be read, specific where the HAL code is known."""
    code = error.code if isinstance(error, HalError) else "other"
    key = f"{prefix}.{code}"
    return Msg(key) if key in default_strings() else Msg(f"{prefix}.other")


class IdentifyStep:
    """Walks the ladder the catalog allows; a failed rung says why and offers the next one."""

    def __init__(self, journey: "ApplyJourney") -> None:
        self.journey = journey
        self.host = journey.host
        self.ladder = Ladder()
        self.scanning = False  # the QR camera decodes for the e-ID rung

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {ai.ReadIdCard: self.read_card, ai.TypeIdentity: self.type_identity,
                ii.ChooseIdentityWay: self.choose_way, ii.TypeIdentityField: self.type_field,
                ii.ReadPassport: self.read_passport, ii.SubmitTypedIdentity: self.submit_typed,
                ii.ScanMrz: self.scan_mrz}

    # -- what this kiosk and this service allow -----------------------------------------------
    def item(self, case: ApplyCase):
        """What is applied for: the catalog item, or a bundle's items merged."""
        return self.journey.subject(case)

    def present(self, way: str) -> bool:
        """The device a way needs is here (a passport needs a PC/SC reader, the QR code a camera)."""
        devices = self.host.devices
        if way == PASSPORT:
            return self.passport_reader() is not None
        if way == EID_QR:
            camera = devices.devices.get("qr_camera")
            return camera is not None and camera.status().state != DeviceState.NO_DEVICE
        return True

    def passport_reader(self):
        """The reader that reads e-passports (read_mrtd), or None at this kiosk."""
        reader = self.host.devices.devices.get("card_reader")
        return reader if hasattr(reader, "read_mrtd") else None

    def ways(self, case: ApplyCase) -> tuple[str, ...]:
        """The usable rungs for this service at this kiosk, in the catalog's order."""
        return usable_ways(self.item(case), self.present)

    # -- pages -------------------------------------------------------------------------------
    def page(self, case: ApplyCase, way: str, state: str = "ready", message: Msg | None = None,
             next_up: str | None = None) -> IdentityPage:
        """The identify page for one rung (entries with inline messages once checked)."""
        item, ways = self.item(case), self.ways(case)
        refused = refused_ways(item)
        typed_refused = Msg("apply.identify.typed_refused_high") if TYPED in refused else None
        refused_msgs = tuple(Msg(f"apply.ident.refused.{w}") for w in refused if w != TYPED)
        offers = tuple(w for w in ways if w != way)
        camera = way == PASSPORT and self.mrz_camera() is not None
        note = Msg("apply.ident.mrz.camera_or_type") if camera else self.ladder.note(way)
        return IdentityPage(case.code, state, message or self.ladder.ready_message(way),
                            can_type=TYPED in ways, typed_refused=typed_refused, way=way,
                            offers=offers, next_way=next_up, entries=self.ladder.rows(way),
                            refused=refused_msgs, note=note, mrz_camera=camera)

    def mrz_camera(self):
        """The document camera when it and the MRZ OCR are here, else None (the MRZ is typed)."""
        camera = self.host.devices.devices.get("document_camera")
        if camera is None or not hasattr(camera, "capture") or not mrz_ocr.available():
            return None
        return None if camera.status().state == DeviceState.NO_DEVICE else camera

    def first_page(self, case: ApplyCase) -> IdentityPage:
        """The first rung of the ladder (the ID card unless the catalog says otherwise)."""
        self.ladder.start(case.token)
        ways = self.ways(case)
        way = ways[0] if ways else ID_CARD
        self.ladder.way = way
        self._camera(way == EID_QR)
        return self.page(case, way)

    def fail(self, case: ApplyCase, way: str, why: Msg) -> None:
        """Say why the rung failed in plain words and offer the next one."""
        self.ladder.tried.add(way)
        nxt = next_way(self.ways(case), way, frozenset(self.ladder.tried))
        self.host.update(self.page(case, way, "failed", why, nxt))

    def _camera(self, on: bool) -> None:
        camera = self.host.devices.devices.get("qr_camera")
        if camera is not None and hasattr(camera, "set_scanning") and on != self.scanning:
            camera.set_scanning(on)
            self.scanning = on

    # -- choosing and typing -----------------------------------------------------------------
    def choose_way(self, intent: ii.ChooseIdentityWay) -> None:
        """Show another rung; a way the service's assurance refuses is said, not offered."""
        case = self.journey.case
        page = self.host.state.page
        if case is None or getattr(page, "state", "") in ("reading", "verifying", "blocked"):
            return
        if intent.way in refused_ways(self.item(case)):
            key = "apply.identify.typed_refused_high" if intent.way == TYPED else \
                f"apply.ident.refused.{intent.way}"
            self.host.update(self.page(case, self.ladder.way, "failed", Msg(key)))
            return
        if intent.way not in self.ways(case):
            return
        self.ladder.way = intent.way
        self.ladder.checked = False
        self._camera(intent.way == EID_QR)
        self.host.update(self.page(case, intent.way))

    def type_field(self, intent: ii.TypeIdentityField) -> None:
        """Keep what was typed into an entry of the rung shown."""
        case = self.journey.case
        if case is None or not self.ladder.accepts(intent.field_id):
            return
        self.ladder.entries[intent.field_id] = intent.text[:40]
        page = self.host.state.page
        self.host.update(self.page(case, self.ladder.way, page.state, page.message, page.next_way))

    # -- rung 1: the resident ID card ----------------------------------------------------------
    def read_card(self, _: ai.ReadIdCard) -> None:
        """Ask the reader for the card; the answer comes back on the reader's thread."""
        case = self.journey.case
        self.ladder.way = ID_CARD
        self._camera(False)
        self.host.update(self.page(case, ID_CARD, "reading", Msg("apply.identify.reading")))
        handle = self.host.devices.card_reader.read_card(timeout=READ_TIMEOUT_S)
        handle.add_done_callback(lambda h: self._document_read(case.token, h, ID_CARD))

    def _document_read(self, token: object, handle, way: str) -> None:
        with self.host.lock:
            case = self.journey.current(token, IDENTIFY)
            if case is None:
                return
            error = handle.exception()
            if error is not None:
                log.info("apply: %s read failed (%s)", way, getattr(error, "code", type(error).__name__))
                prefix = "apply.card.error" if way == ID_CARD else "apply.ident.passport.error"
                self.fail(case, way, card_error_message(error, prefix))
                return
            record = handle.result()
            case.card, case.id_number, case.name = record, record.id_number, record.name
            case.masked = mask_id(record.id_number)
            if way == ID_CARD:
                self._verify(case, ID_CARD)
                return
            nationality = record.extra.get("nationality") or record.nation
            self._verify(case, PASSPORT, document_number=record.id_number, nationality=nationality,
                         id_number=None)

    # -- rung 2: the e-passport over PC/SC -----------------------------------------------------
    def read_passport(self, _: ii.ReadPassport) -> None:
        """Check the typed MRZ parts (check digits), then read the chip with BAC."""
        case = self.journey.case
        reader = self.passport_reader()
        if case is None or self.ladder.way != PASSPORT or reader is None:
            return
        self.ladder.checked = True
        errors = check_all(self.ladder.entries)
        if errors:
            self.host.update(self.page(case, PASSPORT, "ready", Msg("apply.ident.mrz.fix")))
            return
        line = bac_line(self.ladder.entries)
        self.host.update(self.page(case, PASSPORT, "reading", Msg("apply.ident.passport.reading")))
        handle = reader.read_mrtd(line, timeout=READ_TIMEOUT_S)
        handle.add_done_callback(lambda h: self._document_read(case.token, h, PASSPORT))

    def scan_mrz(self, _: ii.ScanMrz) -> None:
        """Capture the photo page on the document camera; the OCR runs on the flow's executor."""
        case, camera = self.journey.case, self.mrz_camera()
        if case is None or self.ladder.way != PASSPORT or camera is None:
            return
        self.host.update(self.page(case, PASSPORT, "reading", Msg("apply.ident.mrz.scanning")))
        handle = camera.capture(timeout=READ_TIMEOUT_S)
        handle.add_done_callback(lambda h: self._mrz_captured(case.token, h))

    def _mrz_captured(self, token: object, handle) -> None:
        with self.host.lock:
            case = self.journey.current(token, IDENTIFY)
            if case is None:
                return
            if handle.exception() is not None:
                self.host.update(self.page(case, PASSPORT, "ready", Msg("apply.ident.mrz.unreadable")))
                return
            image = handle.result().image
            self.journey.run(token, IDENTIFY, lambda: mrz_ocr.read_mrz_parts(image),
                             self._mrz_read, lambda c, e: self._mrz_read(c, None))

    def _mrz_read(self, case: ApplyCase, parts: dict | None) -> None:
        if not parts:
            self.host.update(self.page(case, PASSPORT, "ready", Msg("apply.ident.mrz.unreadable")))
            return
        self.ladder.entries.update(parts)
        self.ladder.checked = True
        self.host.update(self.page(case, PASSPORT, "ready", Msg("apply.ident.mrz.scanned")))

    # -- rung 3: the mobile e-ID QR code -------------------------------------------------------
    def code_scanned(self, text: str) -> None:
        """A code seen by the QR camera while the e-ID rung shows (device thread, under the lock)."""
        case, page = self.journey.case, self.host.state.page
        if case is None or not isinstance(page, IdentityPage) or page.way != EID_QR \
                or page.state not in ("ready", "failed"):
            return
        digest = hashlib.sha256(text.encode()).hexdigest()
        if page.state == "failed" and digest == self.ladder.last_code:
            return  # the refused code is still held up: not sent to the platform again
        self.ladder.last_code = digest
        token, why = eid_token(text)
        if token is None:
            self.host.update(self.page(case, EID_QR, "failed", why, page.next_way))
            return
        self._camera(False)
        self._verify(case, EID_QR, e_id_token=token, id_number=None, name=None)

    # -- rung 4: typed ID number and name ------------------------------------------------------
    def submit_typed(self, _: ii.SubmitTypedIdentity) -> None:
        """The typed entries on the page, checked and verified."""
        entries = self.ladder.entries
        self.ladder.checked = True
        self.type_identity(ai.TypeIdentity(entries.get("id_number", ""), entries.get("name", "")))

    def type_identity(self, intent: ai.TypeIdentity) -> None:
        """The typed rung: checked here (check digit), refused for services that need more assurance."""
        case = self.journey.case
        if TYPED in refused_ways(self.item(case)):
            self.host.update(IdentityPage(case.code, "failed",
                                          Msg("apply.identify.typed_refused_high"),
                                          typed_refused=Msg("apply.identify.typed_refused_high"),
                                          way=self.ladder.way,
                                          offers=tuple(w for w in self.ways(case)
                                                       if w != self.ladder.way)))
            return
        self.ladder.way = TYPED
        self._camera(False)
        number, error = check_id_number(intent.id_number)
        if error is None:
            name, error = check_name(intent.name)
        if error is not None:
            self.ladder.entries.update(id_number=intent.id_number, name=intent.name)
            self.host.update(self.page(case, TYPED, "failed", error))
            return
        case.id_number, case.name = number, name
        case.masked = mask_id(number)
        self._verify(case, TYPED)

    # -- the platform's answer -----------------------------------------------------------------
    def _verify(self, case: ApplyCase, way: str, **fields) -> None:
        """POST /identity/verify on the executor, then shared data and certificates."""
        self.host.update(self.page(case, way, "verifying", Msg("apply.identify.verifying")))
        client = self.journey.services.client
        body = {"method": PLATFORM_METHOD[way], "id_number": case.id_number, "name": case.name}
        if way in (PASSPORT, EID_QR):
            body["name"] = None  # the chip's Latin name or the platform's record is the source
        body.update(fields)

        def work() -> tuple:
            identity = client.verify_identity(**body)
            shared = client.shared_data(identity.person_ref)
            certs = client.certificates(identity.person_ref)
            return identity, shared, certs

        self.journey.run(case.token, IDENTIFY, work, lambda c, a: self._verified(c, a, way),
                         lambda c, e: self._verify_failed(c, e, way))

    def _verified(self, case: ApplyCase, answer: tuple, way: str) -> None:
        identity, shared, certs = answer
        case.person_ref, case.assurance = identity.person_ref, kiosk_level(identity.assurance)
        case.method = way
        case.display_name = identity.display_name
        case.shared = {k: (v.get("value") if isinstance(v, dict) else v)
                       for k, v in shared.fields.items()}
        if way == EID_QR and not case.name:  # the platform answered who it is
            case.name = str(case.shared.get("name") or "")
        case.certificates = list(certs)
        self.ladder.clear_entries()
        log.info("apply: identity verified by %s (assurance %s, %s)", way, case.assurance,
                 case.masked or "no ID number")
        self.journey.form.open(case)

    def _verify_failed(self, case: ApplyCase, error: BaseException, way: str) -> None:
        code = getattr(error, "code", None)
        log.info("apply: identity check by %s failed (%s)", way, code or type(error).__name__)
        self._camera(way == EID_QR)  # a refreshed e-ID code can be shown again at once
        if code in ("person_unknown", "validation_failed"):
            self.fail(case, way, Msg(f"apply.ident.unknown.{way}"))
            return
        self.host.update(self.page(case, way, "failed", Msg("apply.identify.platform_unreachable")))

    def take_notice(self) -> Msg:
        """What the form asks while the document is still on the reader."""
        case = self.journey.case
        method = case.method if case is not None else ""
        return Msg("apply.ident.take_passport") if method == PASSPORT else \
            Msg("apply.identify.take_card")

    def leave(self) -> None:
        """The identify screen closed: the QR camera stops decoding."""
        self._camera(False)

    def reset(self) -> None:
        """Session ended: forget what was typed; the camera stops."""
        self._camera(False)
        self.ladder = Ladder()
