"""Form step: the one form prefilled from the card and shared data (materials: materials_step)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.case import ApplyCase
from kiosk.flow.apply.pages import FORM, MATERIALS, FieldRow, FormPage
from kiosk.flow.apply.prefill import PREFILL, prefill_values  # noqa: F401 (PREFILL: old name)
from kiosk.i18n import Msg
from kiosk.input.draft import FormDraft
from kiosk.input.fields import spec_for

if TYPE_CHECKING:
    from kiosk.flow.apply.journey import ApplyJourney

class FormStep:
    """Builds the draft, shows the form, checks it, then hands over to the materials."""

    def __init__(self, journey: "ApplyJourney") -> None:
        self.journey = journey
        self.host = journey.host

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {ai.TypeField: self.type_field, ai.FormDone: self.form_done}

    def item(self, case: ApplyCase):
        """What is applied for: the catalog item, or the bundle's items merged (fields, materials)."""
        return self.journey.subject(case)

    # -- form --------------------------------------------------------------------------------
    def open(self, case: ApplyCase) -> None:
        """Prefill the draft (document values locked, shared values marked) and show the form."""
        item = self.item(case)
        if case.draft is None:  # read again after Back: what was typed stays
            case.draft = FormDraft([spec_for(f) for f in item.fields],
                                   locked_origins=("document", "shared"))
        found = prefill_values([f.id for f in item.fields], case.card, case.id_number, case.name,
                               case.shared)
        for field_id, (text, origin) in found.items():
            case.draft.prefill(field_id, text, origin)
        self.journey.materials.default_choices(case)
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
        notice = self.journey.identify.take_notice() if self.journey.card_present else None
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
        self.host.show(MATERIALS, self.journey.materials.materials_page(case), remember=True)
