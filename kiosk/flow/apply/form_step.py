"""Form and materials steps: the one form prefilled from the card and shared data, then materials."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.case import ApplyCase
from kiosk.flow.apply.pages import FORM, MATERIALS, REVIEW, FieldRow, FormPage, MaterialRow, \
    MaterialsPage
from kiosk.i18n import Msg
from kiosk.input.draft import FormDraft
from kiosk.input.fields import spec_for

if TYPE_CHECKING:
    from kiosk.flow.apply.journey import ApplyJourney

# form field id -> (IdentityRecord attribute, shared-data field): where a value can come from
PREFILL = {"applicant_name": ("name", "name"), "applicant_id_number": ("id_number", None),
           "mobile_phone": (None, "phone"), "hukou_address": (None, "address"),
           "contact_address": (None, "address")}


class FormStep:
    """Builds the draft, shows the form and the materials, and checks what is missing."""

    def __init__(self, journey: "ApplyJourney") -> None:
        self.journey = journey
        self.host = journey.host

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {ai.TypeField: self.type_field, ai.FormDone: self.form_done,
                ai.ChooseMaterial: self.choose, ai.MaterialsDone: self.materials_done}

    def item(self, case: ApplyCase):
        """The catalog item applied for."""
        return self.host.content.catalog.get(case.code)

    # -- form --------------------------------------------------------------------------------
    def open(self, case: ApplyCase) -> None:
        """Prefill the draft (document values locked, shared values marked) and show the form."""
        item = self.item(case)
        if case.draft is None:  # read again after Back: what was typed stays
            case.draft = FormDraft([spec_for(f) for f in item.fields],
                                   locked_origins=("document", "shared"))
        for fld in item.fields:
            doc_attr, shared_key = PREFILL.get(fld.id, (None, None))
            document_value = getattr(case, doc_attr, "") if doc_attr else ""
            if document_value and case.card is not None:
                case.draft.prefill(fld.id, document_value, "document")
            elif shared_key and case.shared.get(shared_key):
                case.draft.prefill(fld.id, str(case.shared[shared_key]), "shared")
        self._default_choices(case)
        self.host.show(FORM, self.form_page(case), remember=True)

    def rows(self, case: ApplyCase) -> tuple[FieldRow, ...]:
        """The fields as shown, labels in the current language."""
        lang, draft, errors = self.host.state.language, case.draft, case.draft.errors()
        rows = []
        for fld in self.item(case).fields:
            entry = draft.get(fld.id)
            rows.append(FieldRow(fld.id, fld.label[lang], draft.text(fld.id), draft.origin(fld.id),
                                 not draft.editable(fld.id), draft.spec(fld.id).keypad,
                                 errors.get(fld.id) if entry is not None else None))
        return tuple(rows)

    def form_page(self, case: ApplyCase) -> FormPage:
        """The form page, with the take-your-card notice while the card is on the reader."""
        notice = Msg("apply.identify.take_card") if self.journey.card_present else None
        return FormPage(case.code, case.display_name, self.rows(case), case.draft.complete(), notice,
                        self.journey.input.panel(case))

    def type_field(self, intent: ai.TypeField) -> None:
        """Keep what was typed (also when invalid) and show the message inline."""
        case = self.journey.case
        if intent.field_id not in case.draft.field_ids or not case.draft.editable(intent.field_id):
            return
        case.draft.type(intent.field_id, intent.text)
        self.host.update(self.form_page(case))

    def form_done(self, _: ai.FormDone) -> None:
        """Go on to the materials; a missing or invalid field shows its message instead."""
        case = self.journey.case
        if not case.draft.complete():
            rows = tuple(FieldRow(r.id, r.label, r.text, r.origin, r.locked, r.keypad,
                                  case.draft.errors().get(r.id)) for r in self.rows(case))
            self.host.update(FormPage(case.code, case.display_name, rows, False,
                                      Msg("apply.form.incomplete"), self.journey.input.panel(case)))
            return
        self.host.show(MATERIALS, self.materials_page(case), remember=True)

    # -- materials ---------------------------------------------------------------------------
    def certificate_for(self, case: ApplyCase, code: str):
        """The platform's e-certificate for a material, if the person has one."""
        return next((c for c in case.certificates if c.type_code == code), None)

    def options(self, case: ApplyCase, material) -> tuple[str, ...]:
        """The ways the guide allows for a material (capture on the camera is not here yet)."""
        out = []
        if self.certificate_for(case, material.id) is not None:
            out.append("certificate")
        if material.commitment:
            out.append("commitment")
        if material.deferrable:
            out.append("deferred")
        return tuple(out)

    def _default_choices(self, case: ApplyCase) -> None:
        for material in self.item(case).materials:
            if material.id not in case.choices and self.certificate_for(case, material.id):
                case.choices[material.id] = "certificate"

    def material_rows(self, case: ApplyCase) -> tuple[MaterialRow, ...]:
        """Every material with its options and the chosen way."""
        lang, rows = self.host.state.language, []
        for material in self.item(case).materials:
            cert = self.certificate_for(case, material.id)
            shown = "" if cert is None else " · ".join(
                p for p in (cert.name, cert.issuer, cert.valid_to or "") if p)
            rows.append(MaterialRow(material.id, material.name[lang], material.required,
                                    self.options(case, material), case.choices.get(material.id), shown))
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
        """The materials page; with_missing shows the one feedback."""
        return MaterialsPage(case.code, self.material_rows(case),
                             self.missing(case) if with_missing else ())

    def choose(self, intent: ai.ChooseMaterial) -> None:
        """Record how a material is supplied (only a way the guide allows)."""
        case = self.journey.case
        material = next((m for m in self.item(case).materials if m.id == intent.code), None)
        if material is None or intent.via not in self.options(case, material):
            return
        case.choices[intent.code] = intent.via
        self.host.update(self.materials_page(case, bool(self.host.state.page.missing)))

    def materials_done(self, _: ai.MaterialsDone) -> None:
        """Everything missing at once, or the review."""
        case = self.journey.case
        if self.missing(case):
            self.host.update(self.materials_page(case, with_missing=True))
            return
        self.host.show(REVIEW, self.journey.submit.review_page(case), remember=True)
