"""Validators for typed values: each returns (normalised value, None) or (raw value, Msg with a specific key).

Message keys live in assets/i18n/input.json (zh and en). Nothing here logs the value it checks.
"""
from __future__ import annotations

import re
from datetime import date

from stdnum.cn import ric, uscc

from kiosk.i18n import Msg
from kiosk.input.divisions import divisions

Result = tuple[str, Msg | None]

OLDEST_BIRTH_YEAR = 1900
NAME_CHARS = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f·A-Za-z ]+$")
DATE_FORMS = (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
              re.compile(r"^(\d{4})(\d{2})(\d{2})$"), re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"))
MOBILE = re.compile(r"^1[3-9]\d{9}$")
PHONE_SEPARATORS = re.compile(r"[\s\-()]")


def _err(raw: str, key: str, **params) -> Result:
    return raw, Msg.of("input.error." + key, **params)


def check_id_number(raw: str, today: date | None = None) -> Result:
    """Resident ID number (GB 11643-1999): length, characters, birth date, region code, check digit."""
    value = raw.strip().replace(" ", "").upper()
    if len(value) != 18:
        return _err(raw, "id.length", count=len(value))
    if not value[:17].isdigit() or value[17] not in "0123456789X":
        return _err(raw, "id.characters")
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return _err(raw, "id.birth_date_invalid")
    today = today or date.today()
    if born > today or born.year < OLDEST_BIRTH_YEAR:
        return _err(raw, "id.birth_date_implausible")
    if divisions().region_status(value[:6], born.year) == "unknown":
        return _err(raw, "id.region_unknown")
    if ric.calc_check_digit(value) != value[17]:
        return _err(raw, "id.check_digit")
    return value, None


def check_phone(raw: str, mobile_only: bool = False) -> Result:
    """Mainland mobile (1[3-9] + 9 digits, +86 allowed) or a landline with its area code."""
    value = PHONE_SEPARATORS.sub("", raw.strip())
    if value.startswith("+86"):
        value = value[3:]
    if not value.isdigit():
        return _err(raw, "phone.characters")
    if value.startswith("1"):
        if len(value) != 11:
            return _err(raw, "phone.mobile_length", count=len(value))
        if not MOBILE.match(value):
            return _err(raw, "phone.mobile_prefix")
        return value, None
    if mobile_only:
        return _err(raw, "phone.mobile_only")
    if not value.startswith("0"):
        return _err(raw, "phone.area_code")
    # 010 and 02x are three-digit area codes with 8-digit numbers; the others are four digits + 7/8.
    area, rest = (value[:3], value[3:]) if value[:2] in ("01", "02") else (value[:4], value[4:])
    if len(area) == 3 and len(rest) == 8 or len(area) == 4 and len(rest) in (7, 8):
        return f"{area}-{rest}", None
    return _err(raw, "phone.landline_length")


def parse_date(raw: str) -> date | None:
    """A date typed as 2024-05-01, 2024/5/1, 20240501 or 2024年5月1日; None if not a real date."""
    text = raw.strip()
    for form in DATE_FORMS:
        m = form.match(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def check_date(raw: str, earliest: date | None = None, latest: date | None = None) -> Result:
    """A real calendar date inside [earliest, latest] (either bound optional)."""
    text = raw.strip()
    if not any(form.match(text) for form in DATE_FORMS):
        return _err(raw, "date.format")
    when = parse_date(text)
    if when is None:
        return _err(raw, "date.not_real")
    if earliest and when < earliest:
        return _err(raw, "date.too_early", earliest=earliest.isoformat())
    if latest and when > latest:
        return _err(raw, "date.too_late", latest=latest.isoformat())
    return when.isoformat(), None


def check_length(raw: str, min_len: int = 0, max_len: int | None = None) -> Result:
    """Character count inside [min_len, max_len] (surrounding spaces removed)."""
    value = raw.strip()
    if len(value) < min_len:
        return _err(raw, "too_short", min=min_len)
    if max_len is not None and len(value) > max_len:
        return _err(raw, "too_long", max=max_len)
    return value, None


def check_name(raw: str, max_len: int = 30) -> Result:
    """A person's name: Chinese characters, the middle dot of minority names, or Latin letters."""
    value = re.sub(r"\s+", " ", raw.strip()).replace("•", "·").replace(".", "·")
    if not NAME_CHARS.match(value):
        return _err(raw, "name.characters")
    return check_length(value, 2 if not value.isascii() else 1, max_len)


def check_choice(raw: str, choices: tuple[str, ...]) -> Result:
    """One of the guide's choices."""
    value = raw.strip()
    if value not in choices:
        return _err(raw, "choice")
    return value, None


def check_number(raw: str, minimum: float | None = None, maximum: float | None = None) -> Result:
    """A decimal number inside [minimum, maximum]."""
    value = raw.strip().replace(",", "")
    if not re.fullmatch(r"\d+(\.\d+)?", value):
        return _err(raw, "number.format")
    number = float(value)
    if minimum is not None and number < minimum:
        return _err(raw, "number.too_small", min=minimum)
    if maximum is not None and number > maximum:
        return _err(raw, "number.too_large", max=maximum)
    return value, None


def check_bool(raw: str) -> Result:
    """Yes or no."""
    value = raw.strip().lower()
    if value in ("yes", "no"):
        return value, None
    return _err(raw, "bool")


def check_credit_code(raw: str) -> Result:
    """Unified social credit code (GB 32100-2015, 18 characters with a check character)."""
    value = raw.strip().replace(" ", "").upper()
    if len(value) != 18:
        return _err(raw, "credit_code.length", count=len(value))
    if not uscc.is_valid(value):
        return _err(raw, "credit_code.invalid")
    return value, None


def check_bank_account(raw: str) -> Result:
    """A bank card number: 12 to 19 digits (not all banks use a Luhn check, so none is applied)."""
    value = re.sub(r"\s", "", raw)
    if not value.isdigit():
        return _err(raw, "bank_account.characters")
    if not 12 <= len(value) <= 19:
        return _err(raw, "bank_account.length", count=len(value))
    return value, None
