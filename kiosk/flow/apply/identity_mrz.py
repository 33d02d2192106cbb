"""The e-passport's MRZ parts typed on a Latin keypad: check digits validated, BAC key line built."""
from __future__ import annotations

import datetime as dt

from drivers.card_reader.mrtd.errors import MrzError
from drivers.card_reader.mrtd.mrz import check_digit, mrz_information
from kiosk.i18n import Msg

# entry id -> (characters allowed, shortest, longest) incl. the check digit as printed in the MRZ
MRZ_PARTS = {"mrz_document": (2, 10), "mrz_birth": (7, 7), "mrz_expiry": (7, 7)}
_ALLOWED = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _clean(text: str) -> str:
    return text.strip().upper().replace(" ", "").replace("<", "")


def _date(yymmdd: str, birth: bool, today: dt.date) -> dt.date | None:
    try:
        yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
        if birth:
            year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
        else:
            year = 1900 + yy if yy >= 70 else 2000 + yy
        return dt.date(year, mm, dd)
    except ValueError:
        return None


def check_part(field_id: str, text: str, today: dt.date | None = None) -> Msg | None:
    """Why one typed MRZ part is wrong (a specific message), or None when it is right."""
    value, today = _clean(text), today or dt.date.today()
    shortest, longest = MRZ_PARTS[field_id]
    if not value:
        return Msg("apply.ident.mrz.required")
    if not set(value) <= _ALLOWED or (field_id != "mrz_document" and not value.isdigit()):
        return Msg(f"apply.ident.mrz.{field_id}.characters")
    if not shortest <= len(value) <= longest:
        return Msg.of(f"apply.ident.mrz.{field_id}.length", count=len(value))
    body, digit = value[:-1], value[-1]
    if field_id != "mrz_document":
        day = _date(body, field_id == "mrz_birth", today)
        if day is None:
            return Msg("apply.ident.mrz.date_invalid")
        if field_id == "mrz_birth" and day > today:
            return Msg("apply.ident.mrz.date_invalid")
        if field_id == "mrz_expiry" and day < today:
            return Msg("apply.ident.mrz.expired")
    try:
        expected = check_digit(body.ljust(9, "<") if field_id == "mrz_document" else body)
    except MrzError:
        return Msg(f"apply.ident.mrz.{field_id}.characters")
    if expected != digit:
        return Msg("apply.ident.mrz.check_digit")
    return None


def check_all(entries: dict[str, str], today: dt.date | None = None) -> dict[str, Msg]:
    """Every wrong part with its message (empty when all three are right)."""
    out = {}
    for field_id in MRZ_PARTS:
        error = check_part(field_id, entries.get(field_id, ""), today)
        if error is not None:
            out[field_id] = error
    return out


def bac_line(entries: dict[str, str]) -> str:
    """A TD3 line 2 carrying the checked parts (what the PC/SC driver takes to derive the BAC keys).

    Only the document number, birth date and expiry with their check digits are known: the other
    positions are filler, which the driver does not read for BAC.
    """
    doc, birth, expiry = (_clean(entries[k]) for k in MRZ_PARTS)
    info = mrz_information(doc[:-1], birth[:6], expiry[:6])
    line = info[:10] + "<<<" + info[10:17] + "<" + info[17:24] + "<" * 16
    assert len(line) == 44
    return line
