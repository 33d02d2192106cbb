"""Idempotency-Key handling: replay the stored first response, refuse a reused key."""
from __future__ import annotations

import hashlib
import json
import time
import uuid
from typing import Callable

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from refplatform import db
from refplatform.problems import ProblemError

Handler = Callable[[Connection], tuple[int, dict]]


def parse_key(value: str | None) -> str:
    """The canonical UUID text of an Idempotency-Key header, or a 400 problem."""
    if value is None or value.strip() == "":
        raise ProblemError("idempotency_key_missing", "POST requests that create something need an "
                           "Idempotency-Key header (a UUID, the same on every retry)")
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise ProblemError("idempotency_key_invalid", "Idempotency-Key must be a UUID such as "
                           "123e4567-e89b-12d3-a456-426614174000") from None


def _stored(conn: Connection, kiosk_id: str, key: str):  # noqa: ANN202
    return conn.execute(select(db.idempotency).where(
        db.idempotency.c.kiosk_id == kiosk_id, db.idempotency.c.idem_key == key)).first()


def _replay(row, endpoint: str, request_hash: str) -> tuple[int, bytes]:  # noqa: ANN001
    if row.endpoint != endpoint or row.request_hash != request_hash:
        raise ProblemError("idempotency_key_reused", "this Idempotency-Key was already used with a "
                           "different request; use a new key for a new request")
    return row.status, row.body


def run(engine: Engine, kiosk_id: str, key_header: str | None, endpoint: str, body: bytes,
        handler: Handler, target: str = "") -> tuple[int, bytes]:
    """Run handler once per (kiosk, key) in one transaction with the stored response; replay after.

    The request is identified by endpoint, target (path with query, plus any header that changes the
    meaning) and body: the same key on another pickup code or application is a reused key.
    """
    key = parse_key(key_header)
    identity = b"\n".join((endpoint.encode(), target.encode("utf-8", "replace"), body))
    request_hash = hashlib.sha256(identity).hexdigest()
    with db.reader(engine).connect() as conn:
        row = _stored(conn, kiosk_id, key)
    if row is not None:
        return _replay(row, endpoint, request_hash)
    try:
        with engine.begin() as conn:
            status, doc = handler(conn)
            encoded = json.dumps(doc, ensure_ascii=False).encode("utf-8")
            conn.execute(insert(db.idempotency).values(
                kiosk_id=kiosk_id, idem_key=key, endpoint=endpoint, request_hash=request_hash,
                status=status, body=encoded, created_at=time.time()))
        return status, encoded
    except IntegrityError:
        # Lost a race against a concurrent request with the same key: its response is the first one.
        with engine.connect() as conn:
            row = _stored(conn, kiosk_id, key)
        if row is None:
            raise
        return _replay(row, endpoint, request_hash)
