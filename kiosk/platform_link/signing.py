"""Request signing: HMAC-SHA256 over the spec's canonical string (issue 9, "Signed requests")."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time

NONCE_BYTES = 16  # 32 hex characters; the spec asks for at least 16


def canonical_string(method: str, path_with_query: str, timestamp: int | str, nonce: str,
                     body: bytes) -> str:
    """METHOD + "\\n" + path with query + "\\n" + timestamp + "\\n" + nonce + "\\n" + sha256hex(body)."""
    return "\n".join((method.upper(), path_with_query, str(timestamp), nonce,
                      hashlib.sha256(body or b"").hexdigest()))


def sign_request(secret: bytes, method: str, path_with_query: str, timestamp: int | str, nonce: str,
                 body: bytes) -> str:
    """Lowercase hex HMAC-SHA256 of the canonical string under the kiosk secret (pure function)."""
    message = canonical_string(method, path_with_query, timestamp, nonce, body).encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def new_nonce() -> str:
    """A fresh random nonce (hex, 32 characters)."""
    return secrets.token_hex(NONCE_BYTES)


def signed_headers(kiosk_id: str, secret: bytes, method: str, path_with_query: str, body: bytes,
                   now: float | None = None, nonce: str | None = None) -> dict[str, str]:
    """The four X- headers for one request attempt (a new nonce and timestamp every attempt)."""
    ts = int(time.time() if now is None else now)
    nonce = nonce or new_nonce()
    return {"X-Kiosk-Id": kiosk_id, "X-Timestamp": str(ts), "X-Nonce": nonce,
            "X-Signature": sign_request(secret, method, path_with_query, ts, nonce, body)}
