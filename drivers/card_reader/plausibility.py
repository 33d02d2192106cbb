"""Plausibility findings on an identity read: the read is kept and marked; the flow decides.

Each finding is a short code (stable, for the flow and telemetry; never contains personal data):
  name_placeholder        name is only '·', '<', '-' or spaces (no letter at all)
  name_control_chars      name has control or format characters (other than bidi controls)
  name_bidi_override      name has bidirectional override/embedding/isolate characters
  text_control_chars      address or authority has control, format or bidi characters
  birth_in_future         birth date after today
  valid_from_in_future    valid-from date after today
  valid_from_after_valid_to
  valid_from_before_birth
  birth_date_mismatch_id_number
  sex_mismatch_id_number  sex field contradicts the ID number's 17th digit (odd male, even female)
  region_invalid          ID number region 000000 or an unknown province code
  expired                 valid-to date before today
  sam_self_test_failed    the reader's security module reported a failed self-test (SW3 60)
"""
from __future__ import annotations

import datetime as _dt
import unicodedata
from typing import Iterable

from drivers.card_reader.base import IdentityRecord

# GB/T 2260 province-level codes (first two digits of the region); 71/81/82/83: TW, HK, MO permits
PROVINCES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
                       44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83})
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
                          "\u061c")
PLACEHOLDER_CHARS = frozenset("·•・.<-_ \u3000")
LONG_TERM = "长期"
SEX_BY_PARITY = {"男": 1, "女": 0}


def _date(text: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def _has_control(text: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") and c not in BIDI_CONTROLS
               for c in text)


def _has_bidi(text: str) -> bool:
    return any(c in BIDI_CONTROLS for c in text)


def _name_findings(name: str) -> Iterable[str]:
    if not name or set(name) <= PLACEHOLDER_CHARS:
        yield "name_placeholder"
    if _has_control(name):
        yield "name_control_chars"
    if _has_bidi(name):
        yield "name_bidi_override"


def _date_findings(rec: IdentityRecord, today: _dt.date) -> Iterable[str]:
    birth, start = _date(rec.birth_date), _date(rec.valid_from)
    end = None if rec.valid_to == LONG_TERM else _date(rec.valid_to)
    if birth and birth > today:
        yield "birth_in_future"
    if start and start > today:
        yield "valid_from_in_future"
    if start and end and start >= end:
        yield "valid_from_after_valid_to"
    if start and birth and start < birth:
        yield "valid_from_before_birth"
    if end and end < today:
        yield "expired"


def _id_number_findings(rec: IdentityRecord) -> Iterable[str]:
    number = rec.id_number
    if rec.document_type != "resident_id" or len(number) != 18 or not number[:17].isdigit():
        return
    birth = _date(rec.birth_date)
    if birth and number[6:14] != birth.strftime("%Y%m%d"):
        yield "birth_date_mismatch_id_number"
    if rec.sex in SEX_BY_PARITY and int(number[16]) % 2 != SEX_BY_PARITY[rec.sex]:
        yield "sex_mismatch_id_number"
    if number[:6] == "000000" or int(number[:2]) not in PROVINCES:
        yield "region_invalid"


def findings(rec: IdentityRecord, today: _dt.date | None = None,
             sam_self_test_failed: bool = False) -> tuple[str, ...]:
    """All plausibility findings for a record, in a stable order (empty: nothing odd)."""
    today = today or _dt.date.today()
    found = [*_name_findings(rec.name)]
    if _has_control(rec.address + rec.authority) or _has_bidi(rec.address + rec.authority):
        found.append("text_control_chars")
    found += _date_findings(rec, today)
    found += _id_number_findings(rec)
    if sam_self_test_failed:
        found.append("sam_self_test_failed")
    return tuple(dict.fromkeys(found))
