"""Input specs for form fields: which validator, which keypad, which limits, from the catalog's FormField.

The catalog types (text, id_number, phone, date, address, choice, number, bool) say what a field is;
a few shared fields need a narrower input (a name, a bank card, a credit code, a date that cannot be
in the future). Those refinements live in FIELD_KINDS / DATE_WINDOWS, keyed by the shared field id.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.catalog.model import FormField
from kiosk.i18n import Msg
from kiosk.input import validators as v

# The kind of input for a catalog type, unless FIELD_KINDS refines it for a field id.
TYPE_KINDS = {"text": "text", "id_number": "id_number", "phone": "phone", "date": "date",
              "address": "address", "choice": "choice", "number": "number", "bool": "bool"}
FIELD_KINDS = {"applicant_name": "name", "child_name": "name", "father_name": "name",
               "mother_name": "name", "legal_representative": "name", "bank_account": "bank_account",
               "unified_credit_code": "credit_code"}
# Date windows in days relative to today: (earliest, latest); None means open.
DATE_WINDOWS = {"child_birth_date": (-366 * 18, 0), "unemployment_date": (-366 * 5, 0),
                "retirement_date": (-366 * 60, 366)}
DEFAULT_DATE_WINDOW = (-366 * 130, 366 * 5)
MAX_LENGTHS = {"text": 100, "address": 120, "name": 30}
MIN_LENGTHS = {"address": 5}
MOBILE_ONLY = frozenset({"mobile_phone"})
NARROW_KINDS = frozenset({"id_number", "phone", "date", "number", "bank_account", "credit_code"})


@dataclass(frozen=True)
class FieldSpec:
    """How one field is typed and checked: kind, keypad, required, limits and choices."""

    id: str
    kind: str
    keypad: str
    required: bool = True
    choices: tuple[str, ...] = ()
    min_len: int = 0
    max_len: int | None = None
    earliest: date | None = None
    latest: date | None = None
    mobile_only: bool = False

    def date_picker(self, today: date | None = None):
        """A DatePicker over this date field's range (open ends use the default window)."""
        from kiosk.input.pickers import DatePicker

        today = today or date.today()
        lo, hi = DEFAULT_DATE_WINDOW
        return DatePicker(self.earliest or today + timedelta(days=lo), self.latest or today + timedelta(days=hi))

    def check(self, raw: str, today: date | None = None) -> tuple[str, Msg | None]:
        """Validate a typed value: (normalised value, None) or (raw value, specific message)."""
        if not raw or not raw.strip():
            return ("", Msg.of("input.error.required")) if self.required else ("", None)
        kind = self.kind
        if kind in NARROW_KINDS:  # full-width digits and dashes from shared data or a phone IME
            raw = unicodedata.normalize("NFKC", raw)
        if kind == "id_number":
            return v.check_id_number(raw, today)
        if kind == "phone":
            return v.check_phone(raw, self.mobile_only)
        if kind == "date":
            return v.check_date(raw, self.earliest, self.latest)
        if kind == "name":
            return v.check_name(raw, self.max_len or 30)
        if kind == "choice":
            return v.check_choice(raw, self.choices)
        if kind == "number":
            return v.check_number(raw, 0)
        if kind == "bool":
            return v.check_bool(raw)
        if kind == "credit_code":
            return v.check_credit_code(raw)
        if kind == "bank_account":
            return v.check_bank_account(raw)
        return v.check_length(raw, self.min_len, self.max_len)


KEYPAD_FOR_KIND = {"id_number": "id_number", "phone": "phone", "date": "date", "number": "numeric",
                   "bank_account": "numeric", "credit_code": "latin_upper", "name": "pinyin",
                   "text": "pinyin", "address": "pinyin", "choice": "choice", "bool": "choice"}


def spec_for(fld: FormField, today: date | None = None) -> FieldSpec:
    """The input spec of a catalog form field."""
    kind = FIELD_KINDS.get(fld.id, TYPE_KINDS.get(fld.type, "text"))
    earliest = latest = None
    if kind == "date":
        today = today or date.today()
        lo, hi = DATE_WINDOWS.get(fld.id, DEFAULT_DATE_WINDOW)
        earliest = today + timedelta(days=lo) if lo is not None else None
        latest = today + timedelta(days=hi) if hi is not None else None
    return FieldSpec(id=fld.id, kind=kind, keypad=KEYPAD_FOR_KIND[kind], required=fld.required,
                     choices=tuple(fld.choices), min_len=MIN_LENGTHS.get(kind, 0),
                     max_len=MAX_LENGTHS.get(kind), earliest=earliest, latest=latest,
                     mobile_only=fld.id in MOBILE_ONLY)
