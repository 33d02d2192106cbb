"""The ladder's state in one session: the rung shown, rungs tried, and the entries typed (personal)."""
from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.flow.apply.identity_mrz import MRZ_PARTS, check_part
from kiosk.flow.apply.identity_pages import EntryRow
from kiosk.flow.apply.identity_ways import EID_QR, ID_CARD, PASSPORT, TYPED
from kiosk.i18n import Msg
from kiosk.input.validators import check_id_number, check_name

# rung -> its entries: (id, keypad)
ENTRIES = {PASSPORT: (("mrz_document", "latin_upper"), ("mrz_birth", "numeric"),
                      ("mrz_expiry", "numeric")),
           TYPED: (("id_number", "id_number"), ("name", "latin"))}
READY = {ID_CARD: "apply.identify.insert_card", PASSPORT: "apply.ident.passport.enter",
         EID_QR: "apply.ident.eid.show", TYPED: "apply.ident.typed.enter"}
NOTES = {PASSPORT: "apply.ident.mrz.typed_only", TYPED: "apply.ident.typed.low"}


def _entry_error(field_id: str, text: str) -> Msg | None:
    if field_id in MRZ_PARTS:
        return check_part(field_id, text)
    _, error = check_id_number(text) if field_id == "id_number" else check_name(text)
    return error


@dataclass
class Ladder:
    """Rung shown, rungs tried, typed entries; entries are wiped once verified or at session end."""

    token: object = None
    way: str = ID_CARD
    tried: set[str] = field(default_factory=set)
    entries: dict[str, str] = field(default_factory=dict)
    checked: bool = False  # inline messages show once the resident pressed Read / Check
    last_code: str = ""  # SHA-256 of the last e-ID code seen (a refused one is not sent twice)

    def __repr__(self) -> str:
        return f"Ladder(way={self.way}, tried={sorted(self.tried)}, entries={len(self.entries)})"

    def start(self, token: object) -> None:
        """A new application: nothing tried, nothing typed."""
        if token is not self.token:
            self.token, self.way, self.checked, self.last_code = token, ID_CARD, False, ""
            self.tried.clear()
            self.entries.clear()

    def accepts(self, field_id: str) -> bool:
        """The entry belongs to the rung shown."""
        return any(fid == field_id for fid, _ in ENTRIES.get(self.way, ()))

    def rows(self, way: str) -> tuple[EntryRow, ...]:
        """The rung's entries as shown, with inline messages once checked."""
        out = []
        for fid, keypad in ENTRIES.get(way, ()):
            text = self.entries.get(fid, "")
            error = _entry_error(fid, text) if self.checked else None
            out.append(EntryRow(fid, Msg(f"apply.ident.entry.{fid}"), text, error, keypad))
        return tuple(out)

    @staticmethod
    def ready_message(way: str) -> Msg:
        """What the rung asks the resident to do."""
        return Msg(READY[way])

    @staticmethod
    def note(way: str) -> Msg | None:
        """A line under the rung (why the MRZ is typed; typing is low assurance)."""
        return Msg(NOTES[way]) if way in NOTES else None

    def clear_entries(self) -> None:
        """Forget what was typed (verified, or the session ended)."""
        self.entries.clear()
        self.checked = False
