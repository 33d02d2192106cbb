"""Machine-readable zone (Doc 9303 parts 3-6): check digits, TD1/TD2/TD3 parsing, BAC key input."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from drivers.card_reader.mrtd.errors import MrzError

_WEIGHTS = (7, 3, 1)
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LAYOUTS = {"TD1": (3, 30), "TD2": (2, 36), "TD3": (2, 44)}


def _value(ch: str) -> int:
    if ch == "<":
        return 0
    idx = _ALPHABET.find(ch)
    if idx < 0 or len(ch) != 1:
        raise MrzError("character not allowed in the MRZ")
    return idx


def check_digit(field: str) -> str:
    """The 7-3-1 check digit of an MRZ field."""
    return str(sum(_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field)) % 10)


def _verify(field: str, digit: str, label: str) -> None:
    if digit == "<" and set(field) <= {"<"}:
        return  # optional field left empty
    if check_digit(field) != digit:
        raise MrzError(f"check digit of the {label} is wrong")


def _date(yymmdd: str, kind: str, today: _dt.date | None = None) -> str:
    """YYMMDD -> YYYY-MM-DD; birth dates never lie in the future, expiry dates pivot at 70."""
    if not yymmdd.isdigit():
        raise MrzError(f"{kind} is not a date")
    if len(yymmdd) != 6:
        raise MrzError(f"{kind} is not a date (YYMMDD)")
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    if not 1 <= mm <= 12:
        raise MrzError(f"{kind} has month {mm:02d}, not 01-12")
    today = today or _dt.date.today()
    if kind == "birth date":
        year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
    else:
        year = 1900 + yy if yy >= 70 else 2000 + yy
    try:
        return _dt.date(year, mm, dd).isoformat()
    except ValueError:
        raise MrzError(f"{kind} has day {dd:02d}, which month {mm:02d} does not have") from None


@dataclass(frozen=True)
class MrzData:
    """The fields of a travel document's MRZ (personal data: never log it)."""

    format: str
    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: str  # YYYY-MM-DD
    sex: str  # M, F or X
    expiry_date: str  # YYYY-MM-DD
    optional_data: str
    raw_birth: str
    raw_expiry: str

    @property
    def name(self) -> str:
        """Surname and given names as printed in the MRZ, space separated."""
        return " ".join(p for p in (self.surname, self.given_names) if p)

    def bac_information(self) -> str:
        """The MRZ information that seeds the BAC keys."""
        return mrz_information(self.document_number, self.raw_birth, self.raw_expiry)

    def __repr__(self) -> str:
        return f"MrzData({self.format}, <redacted>)"

    __str__ = __repr__


def mrz_information(document_number: str, birth: str, expiry: str) -> str:
    """Document number (padded to 9) + check, birth YYMMDD + check, expiry YYMMDD + check."""
    doc = document_number.ljust(9, "<")
    return doc + check_digit(doc) + birth + check_digit(birth) + expiry + check_digit(expiry)


def _clean(text: str) -> list[str]:
    lines = [ln.strip().replace(" ", "").upper() for ln in text.strip().splitlines() if ln.strip()]
    return lines


def _names(field: str) -> tuple[str, str]:
    surname, _, given = field.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def _sex(ch: str) -> str:
    if ch not in "MFX<":
        raise MrzError("sex field not valid")
    return "X" if ch == "<" else ch


def parse_mrz(text: str, today: _dt.date | None = None) -> MrzData:
    """Parse a full TD1 (3x30), TD2 (2x36) or TD3 (2x44) MRZ, checking every check digit."""
    lines = _clean(text) if isinstance(text, str) else []
    if not lines:
        raise MrzError("empty")
    fmt = next((k for k, (n, w) in _LAYOUTS.items()
                if len(lines) == n and all(len(ln) == w for ln in lines)), None)
    if fmt is None:
        shape = " + ".join(str(len(ln)) for ln in lines[:4])
        raise MrzError(f"wrong number or length of lines: got {len(lines)} line(s) of "
                       f"{shape} characters; TD1 is 3 x 30, TD2 2 x 36, passports 2 x 44")
    for ln in lines:
        for ch in ln:
            _value(ch)
    if fmt == "TD1":
        return _parse_td1(lines, today)
    return _parse_td23(lines, fmt, today)


def _parse_td1(lines: list[str], today: _dt.date | None) -> MrzData:
    l1, l2, l3 = lines
    number, digit, optional = l1[5:14], l1[14], l1[15:30]
    if digit == "<" and optional.strip("<"):
        # long document number: continues in the optional data, its check digit last
        rest = optional.split("<", 1)[0]
        if not rest:
            raise MrzError("the document number's continuation in line 1 is missing "
                           "(a '<' check digit must be followed by the rest of the number)")
        number, digit, optional = number + rest[:-1], rest[-1], optional[len(rest):]
    _verify(number, digit, "document number")
    _verify(l2[0:6], l2[6], "birth date")
    _verify(l2[8:14], l2[14], "expiry date")
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    _verify(composite, l2[29], "whole zone")
    surname, given = _names(l3)
    return MrzData("TD1", l1[0:2].replace("<", ""), l1[2:5].replace("<", ""), surname, given,
                   number.replace("<", ""), l2[15:18].replace("<", ""),
                   _date(l2[0:6], "birth date", today), _sex(l2[7]),
                   _date(l2[8:14], "expiry date", today), optional.strip("<"), l2[0:6], l2[8:14])


def _parse_td23(lines: list[str], fmt: str, today: _dt.date | None) -> MrzData:
    l1, l2 = lines
    width = len(l2)
    _verify(l2[0:9], l2[9], "document number")
    _verify(l2[13:19], l2[19], "birth date")
    _verify(l2[21:27], l2[27], "expiry date")
    if fmt == "TD3":
        _verify(l2[28:42], l2[42], "personal number")
        composite = l2[0:10] + l2[13:20] + l2[21:43]
        optional = l2[28:42]
    else:
        composite = l2[0:10] + l2[13:20] + l2[21:35]
        optional = l2[28:35]
    _verify(composite, l2[width - 1], "whole zone")
    surname, given = _names(l1[5:])
    return MrzData(fmt, l1[0:2].replace("<", ""), l1[2:5].replace("<", ""), surname, given,
                   l2[0:9].replace("<", ""), l2[10:13].replace("<", ""),
                   _date(l2[13:19], "birth date", today), _sex(l2[20]),
                   _date(l2[21:27], "expiry date", today), optional.strip("<"),
                   l2[13:19], l2[21:27])


def bac_information_from(text: str) -> str:
    """The BAC MRZ information from a full MRZ, or from line 2 alone of a TD3/TD2 document."""
    lines = _clean(text) if isinstance(text, str) else []
    if len(lines) in (2, 3):
        return parse_mrz(text).bac_information()
    if len(lines) != 1 or len(lines[0]) not in (36, 44):
        raise MrzError("expected line 2 of the MRZ (44 characters for a passport, 36 for TD2)")
    line = lines[0]
    for ch in line:
        _value(ch)
    _verify(line[0:9], line[9], "document number")
    _verify(line[13:19], line[19], "birth date")
    _verify(line[21:27], line[27], "expiry date")
    _date(line[13:19], "birth date")   # a check digit alone accepts 991399
    _date(line[21:27], "expiry date")
    return line[0:10] + line[13:20] + line[21:28]
