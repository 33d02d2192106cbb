"""The kiosk's own QR payloads: pickup code, receipt code and mobile e-ID code.

Format (all QR-alphanumeric, so codes stay small):
  pickup   OTK1:P:<pickup id>:<expires, unix s>:<sig>
  receipt  OTK1:R:<receipt number><ISO 7064 MOD 37,36 check char>
  e-ID     OTK1:E:<token, base32>:<issued, unix s>:<expires, unix s>:<sig>
where <sig> is HMAC-SHA256 over everything before it, truncated to 80 bits, base32 (16 chars),
keyed with the installation secret. Receipts carry only a check character: their number is
printed in clear on the slip and typed in by hand as often as it is scanned.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Union

from kiosk.codes.checks import SIG_CHARS, mod37_36, mod37_36_ok, sign, verify
from kiosk.codes.errors import CodeError

PREFIX = "OTK1"
CLOCK_SKEW_S = 300  # a phone clock a few minutes fast must not make a fresh e-ID code invalid

_ID = re.compile(r"[0-9A-Z]{6,20}")
_RECEIPT = re.compile(r"[0-9A-Z]{9,25}")
_TOKEN = re.compile(r"[A-Z2-7]{16,64}")
_TIME = re.compile(r"[0-9]{9,11}")
_SIG = re.compile(r"[A-Z2-7]{16}")

_default_key: bytes | None = None


@dataclass(frozen=True)
class PickupCode:
    """A pickup code: which item to hand out, valid until expires_at."""

    pickup_id: str
    expires_at: int
    kind: str = "pickup"


@dataclass(frozen=True)
class ReceiptCode:
    """A receipt code: the receipt number of a submitted application."""

    receipt_no: str
    kind: str = "receipt"


@dataclass(frozen=True)
class EidCode:
    """A mobile e-ID code: a short-lived token the platform exchanges for the resident's identity."""

    token: str = field(repr=False)  # a bearer credential: keep it out of logs
    issued_at: int = 0
    expires_at: int = 0
    kind: str = "eid"


Payload = Union[PickupCode, ReceiptCode, EidCode]
_TYPES = {"P": "pickup", "R": "receipt", "E": "eid"}
_FIELD_COUNT = {"P": 3, "R": 1, "E": 4}  # fields after the type letter, signature included


MAX_CODE_CHARS = 512  # our longest code is ~140 characters; a QR can carry ~7,000


def configure(key: bytes) -> None:
    """Set the installation secret used when parse()/builders get no explicit key."""
    global _default_key
    if len(key) < 16:
        raise ValueError("the code signing key must be at least 16 bytes")
    _default_key = key


def _key(key: bytes | None) -> bytes:
    k = key if key is not None else _default_key
    if k is None:
        raise RuntimeError("kiosk.codes: no signing key; call kiosk.codes.configure(key)")
    return k


def _need(pattern: re.Pattern[str], value: str, what: str) -> str:
    if not pattern.fullmatch(value):
        raise ValueError(f"{what} {value!r} is not valid for a kiosk code")
    return value


def build_pickup(pickup_id: str, expires_at: int, key: bytes | None = None) -> str:
    """The QR text of a pickup code."""
    body = f"{PREFIX}:P:{_need(_ID, pickup_id, 'pickup id')}:{int(expires_at)}"
    return f"{body}:{sign(_key(key), body)}"


def build_receipt(receipt_no: str) -> str:
    """The QR text of a receipt code (receipt number plus its check character)."""
    _need(_RECEIPT, receipt_no + "0", "receipt number")
    return f"{PREFIX}:R:{receipt_no}{mod37_36(receipt_no)}"


def build_eid(token: str, issued_at: int, expires_at: int, key: bytes | None = None) -> str:
    """The QR text of a mobile e-ID code."""
    body = f"{PREFIX}:E:{_need(_TOKEN, token, 'token')}:{int(issued_at)}:{int(expires_at)}"
    return f"{body}:{sign(_key(key), body)}"


def parse(text: str, *, key: bytes | None = None, now: float | None = None,
          expect: str | None = None) -> Payload:
    """Check and decode a scanned kiosk code; raise CodeError with a specific code if refused.

    expect: "pickup", "receipt" or "eid" when the screen only accepts one kind.
    """
    if len(text) > MAX_CODE_CHARS:
        raise CodeError("malformed", f"{len(text)} characters")
    text = text.strip()
    parts = text.split(":")
    if not parts[0].startswith("OTK"):
        raise CodeError("not_ours", "no OTK prefix")
    if parts[0] != PREFIX:
        if re.fullmatch(r"OTK[0-9]+", parts[0]):
            raise CodeError("unsupported_version", parts[0])
        raise CodeError("not_ours", "bad prefix")
    if len(parts) < 2 or not parts[1]:
        raise CodeError("truncated", "no type")
    kind = parts[1]
    if kind not in _TYPES:
        raise CodeError("unknown_type", f"type {kind[:4]!r}")
    fields = parts[2:]
    want = _FIELD_COUNT[kind]
    if len(fields) < want or (fields and not fields[-1]):
        raise CodeError("truncated", f"{len(fields)} of {want} fields")
    if len(fields) > want:
        raise CodeError("malformed", f"{len(fields)} fields, expected {want}")
    if kind == "R":
        payload: Payload = _parse_receipt(fields[0])
    else:
        payload = _parse_signed(kind, fields, _key(key))
    if expect is not None and payload.kind != expect:
        raise CodeError("wrong_type", f"{payload.kind} where {expect} expected")
    _check_time(payload, time.time() if now is None else now)
    return payload


def _parse_receipt(value: str) -> ReceiptCode:
    if len(value) < 10:
        raise CodeError("truncated", "receipt number too short")
    if not _RECEIPT.fullmatch(value[:-1]) or not value[-1].isalnum():
        raise CodeError("malformed", "receipt number characters")
    if not mod37_36_ok(value):
        raise CodeError("tampered", "receipt check character")
    return ReceiptCode(value[:-1])


def _parse_signed(kind: str, fields: list[str], key: bytes) -> Payload:
    *values, sig = fields
    if len(sig) < SIG_CHARS:
        raise CodeError("truncated", "short signature")
    if not _SIG.fullmatch(sig):
        raise CodeError("malformed", "signature characters")
    patterns = [_ID, _TIME] if kind == "P" else [_TOKEN, _TIME, _TIME]
    for pattern, value in zip(patterns, values):
        if not pattern.fullmatch(value):
            raise CodeError("malformed", "field syntax")
    if not verify(key, ":".join([PREFIX, kind, *values]), sig):
        raise CodeError("tampered", "signature mismatch")
    if kind == "P":
        return PickupCode(values[0], int(values[1]))
    return EidCode(values[0], int(values[1]), int(values[2]))


def _check_time(payload: Payload, now: float) -> None:
    expires = getattr(payload, "expires_at", None)
    if expires is not None and now > expires:
        raise CodeError("expired", f"expired {int(now - expires)} s ago")
    issued = getattr(payload, "issued_at", None)
    if issued is not None and issued > now + CLOCK_SKEW_S:
        raise CodeError("not_yet_valid", "issued in the future")
