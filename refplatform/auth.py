"""HMAC request signatures: canonical string, verification, clock skew and nonce replay."""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from refplatform import db
from refplatform.problems import ProblemError

MAX_SKEW_S = 300
NONCE_TTL_S = 600
KIOSK_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
NONCE_RE = re.compile(r"^[\x21-\x7e]{16,128}$")
SIGNATURE_RE = re.compile(r"^[0-9a-fA-F]{64}$")


def canonical(method: str, path_with_query: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """The string that is signed: METHOD, path?query, timestamp, nonce, hex SHA-256 of the body."""
    digest = hashlib.sha256(body).hexdigest()
    return "\n".join((method.upper(), path_with_query, timestamp, nonce, digest)).encode("utf-8")


def sign(secret: str, method: str, path_with_query: str, timestamp: str, nonce: str, body: bytes) -> str:
    """Lowercase hex HMAC-SHA256 of the canonical string under the kiosk secret."""
    return hmac.new(secret.encode("utf-8"), canonical(method, path_with_query, timestamp, nonce, body),
                    hashlib.sha256).hexdigest()


def new_secret() -> str:
    """A fresh kiosk secret (256 bits, URL-safe text)."""
    return secrets.token_urlsafe(32)


def add_kiosk(engine: Engine, kiosk_id: str) -> str:
    """Register (or re-key) a kiosk and return its new secret."""
    if not KIOSK_ID_RE.match(kiosk_id):
        raise ValueError("kiosk id must be 1-64 characters of A-Z a-z 0-9 . _ -")
    secret = new_secret()
    with engine.begin() as conn:
        done = conn.execute(update(db.kiosks).where(db.kiosks.c.kiosk_id == kiosk_id)
                            .values(secret=secret, created_at=time.time())).rowcount
        if not done:
            conn.execute(insert(db.kiosks).values(kiosk_id=kiosk_id, secret=secret, created_at=time.time()))
    return secret


@dataclass(frozen=True)
class SignedRequest:
    """A request whose signature, timestamp and nonce were accepted."""

    kiosk_id: str
    body: bytes


def _header(headers, name: str) -> str:  # noqa: ANN001
    value = headers.get(name)
    if value is None or value == "":
        raise ProblemError("signature_invalid", f"header {name} is missing")
    return value


def verify(engine: Engine, method: str, path_with_query: str, headers, body: bytes,  # noqa: ANN001
           now: float | None = None) -> SignedRequest:
    """Check the four signature headers and record the nonce; raise ProblemError on any failure."""
    now = time.time() if now is None else now
    kiosk_id = _header(headers, "X-Kiosk-Id")
    ts_text = _header(headers, "X-Timestamp")
    nonce = _header(headers, "X-Nonce")
    signature = _header(headers, "X-Signature")
    if not KIOSK_ID_RE.match(kiosk_id):
        raise ProblemError("signature_invalid", "X-Kiosk-Id has characters outside A-Z a-z 0-9 . _ -")
    if not (ts_text.isascii() and ts_text.isdigit() and len(ts_text) <= 12):
        raise ProblemError("signature_invalid", "X-Timestamp must be Unix seconds (digits only)")
    if not SIGNATURE_RE.match(signature.strip()):
        raise ProblemError("signature_invalid", "X-Signature must be 64 hex characters (HMAC-SHA256)")
    if not NONCE_RE.match(nonce):
        raise ProblemError("signature_invalid", "X-Nonce must be 16-128 visible ASCII characters")
    skew = int(ts_text) - now
    if abs(skew) > MAX_SKEW_S:
        raise ProblemError("clock_skew", f"X-Timestamp is {skew:+.0f} s from the server clock "
                           f"(limit {MAX_SKEW_S} s)", server_time=int(now))
    # One transaction: the secret lookup, the check and the nonce insert.
    with engine.begin() as conn:
        secret = conn.execute(select(db.kiosks.c.secret).where(db.kiosks.c.kiosk_id == kiosk_id)).scalar()
        if secret is None:
            raise ProblemError("signature_invalid", "unknown kiosk id (register it with kiosk-platform add-kiosk)")
        expected = sign(secret, method, path_with_query, ts_text, nonce, body)
        if not hmac.compare_digest(expected, signature.strip().lower()):
            raise ProblemError("signature_invalid", "X-Signature does not match the request")
        _record_nonce(conn, kiosk_id, nonce, now)
    return SignedRequest(kiosk_id=kiosk_id, body=body)


def _record_nonce(conn: Connection, kiosk_id: str, nonce: str, now: float) -> None:
    """Insert the nonce; a nonce seen within NONCE_TTL_S is a replay. Old nonces are purged."""
    seen = conn.execute(select(db.nonces.c.seen_at).where(
        db.nonces.c.kiosk_id == kiosk_id, db.nonces.c.nonce == nonce)).scalar()
    if seen is not None and now - seen < NONCE_TTL_S:
        raise ProblemError("nonce_replayed", "this X-Nonce was used in the last 600 s; use a new one")
    if seen is not None:
        conn.execute(update(db.nonces).where(db.nonces.c.kiosk_id == kiosk_id, db.nonces.c.nonce == nonce)
                     .values(seen_at=now))
    else:
        try:
            conn.execute(insert(db.nonces).values(kiosk_id=kiosk_id, nonce=nonce, seen_at=now))
        except IntegrityError:
            raise ProblemError("nonce_replayed", "this X-Nonce was used in the last 600 s") from None
    if secrets.randbelow(100) == 0:
        conn.execute(delete(db.nonces).where(db.nonces.c.seen_at < now - NONCE_TTL_S))
