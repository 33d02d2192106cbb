"""Integrity checks for kiosk codes: truncated HMAC-SHA256 in base32, ISO 7064 MOD 37,36 check."""
from __future__ import annotations

import base64
import hashlib
import hmac

ALNUM36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SIG_BYTES = 10  # 80 bits: far beyond guessing at a kiosk, short enough for a small QR code
SIG_CHARS = 16  # base32 of 10 bytes, no padding


def sign(key: bytes, message: str) -> str:
    """Truncated HMAC-SHA256 of message, base32 (upper case: fits QR alphanumeric mode)."""
    mac = hmac.new(key, message.encode("ascii"), hashlib.sha256).digest()[:SIG_BYTES]
    return base64.b32encode(mac).decode("ascii")


def verify(key: bytes, message: str, signature: str) -> bool:
    """Constant-time comparison of a signature against message."""
    return hmac.compare_digest(sign(key, message), signature)


def mod37_36(body: str) -> str:
    """ISO 7064 MOD 37,36 check character for an upper-case alphanumeric string."""
    m = 36
    p = m
    for ch in body:
        s = (p + ALNUM36.index(ch)) % m or m
        p = (2 * s) % (m + 1)
    return ALNUM36[(m + 1 - p) % m]


def mod37_36_ok(body_with_check: str) -> bool:
    """True when the last character is the right check character for the rest."""
    if len(body_with_check) < 2 or any(c not in ALNUM36 for c in body_with_check):
        return False
    return mod37_36(body_with_check[:-1]) == body_with_check[-1]
