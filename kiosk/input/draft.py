"""FormDraft: every value of the one form, where it came from, whether it may be edited; nothing lost.

Values are kept by field id for the whole kiosk session, also for fields that leave the form when
the resident goes back and changes the chosen items: when the field comes back, so does its value.
A typed value is kept exactly as typed even when it is invalid (the message is kept beside it).
`wipe()` forgets everything at the end of the session; repr never shows a value.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from kiosk.i18n import Msg
from kiosk.input.fields import FieldSpec

ORIGINS = ("document", "shared", "typed")


@dataclass(frozen=True)
class FieldValue:
    """One field's state: the text shown, the checked value, origin, and the message if invalid."""

    text: str
    value: str
    origin: str
    error: Msg | None = None

    @property
    def valid(self) -> bool:
        """True when the value passed its check."""
        return self.error is None


class FormDraft:
    """The values of one form across back-and-forth navigation, with origin and editability."""

    def __init__(self, specs: Iterable[FieldSpec], locked_origins: Iterable[str] = ("document",),
                 editable_fields: Iterable[str] = (), today: date | None = None) -> None:
        self._specs: dict[str, FieldSpec] = {}
        self._values: dict[str, FieldValue] = {}
        self._locked_origins = frozenset(locked_origins)
        self._editable = frozenset(editable_fields)  # fields the guide lets the resident correct
        self._today = today
        self.set_fields(specs)

    def __repr__(self) -> str:
        return f"FormDraft({len(self._specs)} fields, {len(self._values)} values)"

    # -- the form ------------------------------------------------------------------------------
    def set_fields(self, specs: Iterable[FieldSpec]) -> None:
        """Change which fields the form shows; values of fields that leave are kept for later."""
        self._specs = {s.id: s for s in specs}

    @property
    def field_ids(self) -> list[str]:
        """Fields of the form, in order."""
        return list(self._specs)

    def spec(self, field_id: str) -> FieldSpec:
        """The spec of a field on the form (KeyError if it is not on the form)."""
        return self._specs[field_id]

    # -- values -------------------------------------------------------------------------------
    def prefill(self, field_id: str, text: str, origin: str) -> bool:
        """Fill a field from the ID document or the platform's shared data; never over a typed value."""
        if origin not in ORIGINS[:2]:
            raise ValueError(f"prefill origin must be document or shared, not {origin!r}")
        current = self._values.get(field_id)
        if current is not None and current.origin == "typed":
            return False
        self._values[field_id] = self._checked(field_id, text, origin)
        return True

    def type(self, field_id: str, text: str) -> Msg | None:
        """Store what the resident typed (kept even if invalid); returns the message or None."""
        if not self.editable(field_id):
            raise PermissionError(f"field {field_id} was filled from the {self.origin(field_id)}"
                                  " and the guide does not allow changing it")
        entry = self._checked(field_id, text, "typed")
        self._values[field_id] = entry
        return entry.error

    def _checked(self, field_id: str, text: str, origin: str) -> FieldValue:
        spec = self._specs.get(field_id)
        if spec is None:
            return FieldValue(text, text, origin)
        value, error = spec.check(text, self._today)
        return FieldValue(text, value if error is None else text, origin, error)

    def get(self, field_id: str) -> FieldValue | None:
        """The stored state of a field (also of one not on the form right now)."""
        return self._values.get(field_id)

    def text(self, field_id: str) -> str:
        """What the input box shows for a field ('' if nothing yet)."""
        entry = self._values.get(field_id)
        return entry.text if entry else ""

    def origin(self, field_id: str) -> str | None:
        """document / shared / typed, or None when empty."""
        entry = self._values.get(field_id)
        return entry.origin if entry else None

    def editable(self, field_id: str) -> bool:
        """Typed and shared values are editable; document values only where the guide allows."""
        origin = self.origin(field_id)
        return origin not in self._locked_origins or field_id in self._editable

    # -- completeness -------------------------------------------------------------------------
    def errors(self) -> dict[str, Msg]:
        """Field id -> message for every field on the form that is missing or invalid."""
        out: dict[str, Msg] = {}
        for field_id, spec in self._specs.items():
            entry = self._values.get(field_id)
            if entry is None or not entry.text.strip():
                if spec.required:
                    out[field_id] = Msg.of("input.error.required")
            elif entry.error is not None:
                out[field_id] = entry.error
        return out

    def to_type(self) -> list[str]:
        """Fields the resident still has to type (on the form, not prefilled, not yet valid)."""
        errors = self.errors()
        return [f for f in self._specs if f in errors and self.origin(f) != "document"]

    def complete(self) -> bool:
        """True when every required field on the form holds a valid value."""
        return not self.errors()

    def values(self) -> dict[str, str]:
        """Checked values of the fields on the form (what the application carries)."""
        return {f: e.value for f in self._specs if (e := self._values.get(f)) and e.valid and e.text}

    def origins(self) -> dict[str, str]:
        """Field id -> origin for the fields on the form that hold a value."""
        return {f: e.origin for f in self._specs if (e := self._values.get(f)) and e.text}

    def wipe(self) -> None:
        """Forget every value (end of the kiosk session)."""
        self._values.clear()
