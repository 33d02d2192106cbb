"""Masking of personal data for logs, screens and diagnostics."""
from __future__ import annotations


def mask_id(id_number: str) -> str:
    """Keep the first 3 and last 2 characters of an ID number: 110*************2X."""
    s = id_number or ""
    if len(s) <= 5:
        return "*" * len(s)
    return s[:3] + "*" * (len(s) - 5) + s[-2:]


def mask_name(name: str) -> str:
    """Keep the first character of a name: 张*, J***."""
    s = name or ""
    if not s:
        return ""
    return s[0] + "*" * max(1, len(s) - 1)


def mask_date(date: str) -> str:
    """Keep the year of a date: 1992-**-**."""
    s = date or ""
    return s[:4] + "".join("*" if c.isdigit() else c for c in s[4:]) if len(s) > 4 else "*" * len(s)


def mask_address(address: str) -> str:
    """Keep the first 3 characters (the province) of an address: 新疆维****."""
    s = address or ""
    return s[:3] + "*" * min(8, max(0, len(s) - 3)) if len(s) > 3 else "*" * len(s)
