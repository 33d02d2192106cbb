"""Resident ID number checks (GB 11643): ISO 7064 MOD 11-2 check character and dates."""
from __future__ import annotations

import datetime as _dt

from drivers.card_reader.sam_errors import IdDataError

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # index = weighted sum mod 11


def check_char(body17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    if len(body17) != 17 or not body17.isascii() or not body17.isdigit():
        raise IdDataError("ID number body must be 17 digits")
    total = sum(int(d) * w for d, w in zip(body17, WEIGHTS))
    return CHECK_CHARS[total % 11]


def is_valid(id_number: str) -> bool:
    """True when id_number is 18 characters with a correct check character and birth date."""
    try:
        validate(id_number)
    except IdDataError:
        return False
    return True


def parse_date(yyyymmdd: str, what: str) -> _dt.date:
    """Parse an 8-digit YYYYMMDD date; raise IdDataError naming `what` (never the value)."""
    if len(yyyymmdd) != 8 or not yyyymmdd.isascii() or not yyyymmdd.isdigit():
        raise IdDataError(f"{what} must be 8 digits YYYYMMDD")
    try:
        return _dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        raise IdDataError(f"{what} is not a calendar date") from None


def validate(id_number: str) -> str:
    """Return the normalised (upper-case X) ID number, or raise IdDataError."""
    s = (id_number or "").strip().upper()
    if len(s) != 18:
        raise IdDataError("ID number must have 18 characters")
    body, check = s[:17], s[17]
    expected = check_char(body)
    if check != expected:
        raise IdDataError("ID number check character is wrong")
    birth = parse_date(body[6:14], "birth date in ID number")
    if birth.year < 1850:
        raise IdDataError("birth date in ID number is too early")
    return s


def birth_date_of(id_number: str) -> _dt.date:
    """The birth date encoded in a valid ID number."""
    return parse_date(validate(id_number)[6:14], "birth date in ID number")


def sex_code_of(id_number: str) -> str:
    """'1' (male) when the 17th digit is odd, '2' (female) when even."""
    return "1" if int(validate(id_number)[16]) % 2 else "2"


def make_id_number(region6: str, birth_yyyymmdd: str, seq3: str) -> str:
    """Build a full ID number with its check character (for fictitious test people)."""
    body = f"{region6}{birth_yyyymmdd}{seq3}"
    return body + check_char(body)
