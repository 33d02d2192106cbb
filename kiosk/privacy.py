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
