"""Materials step (一套材料): for each material only the ways the guide allows, and a checklist."""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Sequence

from drivers.base import DeviceEvent, DeviceState
from drivers.document_camera.base import PAGE_CAPTURED, PAGE_DETECTED
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply import material_intents as mi
from kiosk.flow.apply.attachments import EmptySignature, capture_attachment, signature_attachment
from kiosk.flow.apply.case import ApplyCase
from kiosk.flow.apply.material_pages import CAPTURE, SIGN, CapturePage, SignPage
from kiosk.flow.apply.pages import MATERIALS, REVIEW, MaterialRow, MaterialsPage
from kiosk.i18n import Msg

if TYPE_CHECKING:
    from kiosk.flow.apply.journey import ApplyJourney

log = logging.getLogger(__name__)
CAMERA_DOWN = (DeviceState.NO_DEVICE, DeviceState.HARDWARE_ERROR, DeviceState.POWER_OFF)
# the order ways are offered in: what needs nothing from the resident first
WAYS = ("certificate", "upload", "commitment", "deferred")


def single_item_materials(catalog, case: ApplyCase) -> tuple:
    """The materials of the one item applied for (a bundle swaps in its merged list)."""
    return tuple(catalog.get(case.code).materials)


class MaterialsStep:
    """Offers, per material, the platform's e-certificate, a capture, a signed commitment, or later."""

    def __init__(self, journey: "ApplyJourney",
                 materials_of: Callable[[object, ApplyCase], Sequence] = single_item_materials) -> None:
        self.journey = journey
        self.host = journey.host
        self.materials_of = materials_of  # (catalog, case) -> materials, each with the guide's flags

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {ai.ChooseMaterial: self.choose, ai.MaterialsDone: self.materials_done,
                mi.FinishCapture: self.finish_capture, mi.RetakeCapture: self.retake,
                mi.SignCommitment: self.sign}

    def materials(self, case: ApplyCase) -> tuple:
        """The material list this application answers."""
        return tuple(self.materials_of(self.host.content.catalog, case))

    def _material(self, case: ApplyCase, code: str):
        return next((m for m in self.materials(case) if m.id == code), None)

    # -- what is offered ----------------------------------------------------------------------
    def certificate_for(self, case: ApplyCase, code: str):
        """The platform's e-certificate for a material, if the person has one still valid today."""
        today = self.host.content.now().date().isoformat()
        return next((c for c in case.certificates if c.type_code == code
                     and (not c.valid_to or c.valid_to >= today)), None)

    def camera_usable(self) -> bool:
        """The document camera is there (a capture cannot be offered without it)."""
        camera = getattr(self.host.devices, "document_camera", None)
        return camera is not None and camera.status().state not in CAMERA_DOWN

    def options(self, case: ApplyCase, material) -> tuple[str, ...]:
        """The ways the guide allows; a material the platform holds is only taken from it."""
        if self.certificate_for(case, material.id) is not None:
            return ("certificate",)  # nothing the platform can verify is asked for
        allowed = {"upload": material.scan and self.camera_usable(),
                   "commitment": material.commitment, "deferred": material.deferrable}
        return tuple(w for w in WAYS if allowed.get(w))

    def default_choices(self, case: ApplyCase) -> None:
        """Every material the platform holds is supplied by its e-certificate."""
        for material in self.materials(case):
            if material.id not in case.choices and self.certificate_for(case, material.id):
                case.choices[material.id] = "certificate"

    def _detail(self, case: ApplyCase, code: str) -> str:
        cert = self.certificate_for(case, code)
        if cert is not None:  # issuer and validity, plainly
            return " · ".join(p for p in (cert.name, cert.issuer, cert.valid_to or "") if p)
        return ""

    def certificate_info(self, case: ApplyCase, code: str) -> Msg | None:
        """The e-certificate as the resident reads it: its name, who issued it, valid until when."""
        cert = self.certificate_for(case, code)
        if cert is None:
            return None
        if cert.valid_to:
            return Msg.of("apply.materials.certificate", name=cert.name, issuer=cert.issuer or "—",
                          valid_to=cert.valid_to)
        return Msg.of("apply.materials.certificate_lasting", name=cert.name, issuer=cert.issuer or "—")

    def material_rows(self, case: ApplyCase) -> tuple[MaterialRow, ...]:
        """Every material with its options, the chosen way and what was supplied."""
        lang, rows = self.host.state.language, []
        for material in self.materials(case):
            attachment = case.attachments.get(material.id)
            rows.append(MaterialRow(material.id, material.name[lang], material.required,
                                    self.options(case, material), case.choices.get(material.id),
                                    self._detail(case, material.id),
                                    attachment.pages if attachment is not None else 0,
                                    self.certificate_info(case, material.id)))
        return tuple(rows)

    def missing(self, case: ApplyCase) -> tuple[Msg, ...]:
        """The one feedback: every required material not supplied, with how it could be."""
        out = []
        for row in self.material_rows(case):
            if row.required and row.chosen is None:
                key = "apply.materials.missing_choose" if row.options else \
                    "apply.materials.missing_window"
                out.append(Msg.of(key, material=row.name))
        return tuple(out)

    def materials_page(self, case: ApplyCase, with_missing: bool = False) -> MaterialsPage:
        """The checklist (n of m required ready); with_missing shows the one feedback."""
        rows = self.material_rows(case)
        required = [r for r in rows if r.required]
        return MaterialsPage(case.code, rows, self.missing(case) if with_missing else (),
                             ready=sum(1 for r in required if r.chosen), total=len(required))

    def back_to_list(self) -> None:
        """Back from the camera or the pad: the checklist, the pages taken so far dropped."""
        case = self.journey.case
        case.capture_pages.clear()
        self.host.show(MATERIALS, self.materials_page(case))

    def relabel(self, case: ApplyCase, page, lang: str):
        """The capture or sign page with the material's name in lang."""
        material = self._material(case, page.code)
        if material is None:
            return page
        name = material.name[lang]
        if isinstance(page, SignPage):
            return replace(page, name=name, text=Msg.of("apply.sign.text", material=name))
        return replace(page, name=name)

    # -- choosing -------------------------------------------------------------------------------
    def choose(self, intent: ai.ChooseMaterial) -> None:
        """Record a way that needs nothing more, or open the camera / the signature pad."""
        case = self.journey.case
        material = self._material(case, intent.code)
        if material is None or intent.via not in self.options(case, material):
            return
        name = material.name[self.host.state.language]
        if intent.via == "upload":
            case.capture_pages.clear()
            camera = self.host.devices.document_camera
            from kiosk.flow.scan.preview import CameraFeed
            self.host.show(CAPTURE, CapturePage(material.id, name, hint=Msg("scan.doc.hint"),
                                                feed=CameraFeed(camera)))
            return
        if intent.via == "commitment":
            self.host.show(SIGN, SignPage(material.id, name,
                                          Msg.of("apply.sign.text", material=name)))
            return
        self._drop(case, intent.code)
        case.choices[intent.code] = intent.via
        self.host.update(self.materials_page(case, bool(self.host.state.page.missing)))

    @staticmethod
    def _drop(case: ApplyCase, code: str) -> None:
        old = case.attachments.pop(code, None)
        if old is not None:
            old.wipe()

    def materials_done(self, _: ai.MaterialsDone) -> None:
        """Everything missing at once, or the review."""
        case = self.journey.case
        if self.missing(case):
            self.host.update(self.materials_page(case, with_missing=True))
            return
        self.host.show(REVIEW, self.journey.submit.review_page(case), remember=True)

    # -- capture on the document camera ---------------------------------------------------------
    def camera_event(self, event: DeviceEvent) -> None:
        """Outline, hint and captured pages while the capture screen shows (host lock held)."""
        case, page = self.journey.case, self.host.state.page
        if case is None or self.host.state.screen != CAPTURE or page.busy:
            return
        if event.kind == PAGE_DETECTED:
            from kiosk.documents.hints import hint_key  # pulls in OpenCV: not at start-up
            corners, hint = event.data.get("corners"), str(event.data.get("hint", ""))
            self.host.update(replace(page, corners=None if corners is None else
                                     tuple(map(tuple, corners)),
                                     hint=Msg(hint_key(hint)) if hint else None))
        elif event.kind == PAGE_CAPTURED:
            case.capture_pages.append(event.data["image"])
            self.host.update(replace(page, pages=len(case.capture_pages), error=None, hint=None))

    def retake(self, _: mi.RetakeCapture) -> None:
        """Start this material's pages again."""
        case, page = self.journey.case, self.host.state.page
        if page.busy:
            return
        case.capture_pages.clear()
        self.host.update(replace(page, pages=0, error=None, hint=Msg("scan.doc.hint")))

    def finish_capture(self, _: mi.FinishCapture) -> None:
        """Assemble the pages into one PDF on the executor, then back to the checklist."""
        case, page = self.journey.case, self.host.state.page
        if page.busy:
            return
        if not case.capture_pages:
            self.host.update(replace(page, error=Msg("apply.capture.no_pages")))
            return
        pages = list(case.capture_pages)
        self.host.update(replace(page, busy=True, hint=Msg("scan.doc.assembling")))
        self.journey.run(case.token, CAPTURE, lambda: capture_attachment(pages),
                         lambda c, attachment: self._supplied(c, page.code, attachment),
                         lambda c, error: self._failed(c, error, "apply.capture.pdf_failed"))

    # -- commitment signed on screen --------------------------------------------------------------
    def sign(self, intent: mi.SignCommitment) -> None:
        """Render the strokes to PNG (and its upload PDF) on the executor; too little ink is refused."""
        case, page = self.journey.case, self.host.state.page
        if page.busy or intent.code != page.code:
            return
        strokes = tuple(tuple((float(x), float(y)) for x, y in s) for s in intent.strokes)
        self.host.update(replace(page, busy=True, error=None))
        self.journey.run(case.token, SIGN, lambda: signature_attachment(strokes),
                         lambda c, attachment: self._supplied(c, page.code, attachment),
                         lambda c, error: self._failed(c, error, "apply.sign.failed"))

    def _supplied(self, case: ApplyCase, code: str, attachment) -> None:
        self._drop(case, code)
        case.attachments[code] = attachment
        case.choices[code] = attachment.via
        case.capture_pages.clear()
        self.host.show(MATERIALS, self.materials_page(case))

    def _failed(self, case: ApplyCase, error: BaseException, key: str) -> None:
        if isinstance(error, EmptySignature):
            key = "apply.sign.empty"
        else:
            log.error("apply: material file not made (%s)", type(error).__name__)
        self.host.update(replace(self.host.state.page, busy=False, error=Msg(key)))

    # -- submission -------------------------------------------------------------------------------
    def submission(self, case: ApplyCase) -> tuple[list[dict], list]:
        """The application's materials and the files to upload before it (upload_index links them)."""
        from kiosk.outbox import UploadFile
        materials, uploads = [], []
        for code, via in case.choices.items():
            entry = {"code": code, "via": via}
            if via == "certificate":
                entry["cert_id"] = self.certificate_for(case, code).cert_id
            attachment = case.attachments.get(code)
            if attachment is not None and attachment.via == via:
                entry["upload_index"] = len(uploads)
                suffix = ".signature" if via == "commitment" else ""
                uploads.append(UploadFile(code + suffix, bytes(attachment.pdf)))
            materials.append(entry)
        return materials, uploads
