"""The durable outbox: SQLite (WAL, synchronous=FULL), encrypted payloads, one idempotency key per item."""
from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from kiosk.outbox.crypto import Sealer, create_key, read_key
from kiosk.outbox.errors import (OutboxCorrupt, OutboxError, OutboxFull, OutboxKeyError,
                                 OutboxNotFound, OutboxStateError)

log = logging.getLogger(__name__)

QUEUED, SENDING, ACCEPTED, REJECTED, FAILED = "queued", "sending", "accepted", "rejected", "failed"
STATES = (QUEUED, SENDING, ACCEPTED, REJECTED, FAILED)
PENDING = (QUEUED, SENDING)
KINDS = ("application", "supplement", "evaluation", "handover")
LOCAL_PREFIX = "LOCAL-"
_KEY_CHECK = b"onetrip-outbox-key-check"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    local_ref TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    payload BLOB NOT NULL,
    remote_ref TEXT,
    error_code TEXT,
    outcome BLOB
);
CREATE INDEX IF NOT EXISTS items_state ON items (state, id);
CREATE TABLE IF NOT EXISTS uploads (
    item_id INTEGER NOT NULL REFERENCES items (id),
    idx INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    material_code TEXT NOT NULL,
    data BLOB NOT NULL,
    upload_id TEXT,
    PRIMARY KEY (item_id, idx)
);
"""


@dataclass(frozen=True)
class UploadFile:
    """A scan to upload before its item: a PDF and the material code it answers."""

    material_code: str
    pdf: bytes


@dataclass(frozen=True)
class OutboxEntry:
    """One item as staff and the flow may see it: no personal data, only codes and references."""

    local_ref: str
    kind: str
    state: str
    attempts: int
    created_at: float
    updated_at: float
    summary: str
    remote_ref: str | None
    error_code: str | None
    idempotency_key: str

    @property
    def is_local(self) -> bool:
        """True while the only reference the resident has is the kiosk's own (not the platform's)."""
        return self.remote_ref is None


def new_local_ref() -> str:
    """A short reference for a queued item, visibly local: LOCAL-XXXX-XXXX (no 0/O/1/I)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    code = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"{LOCAL_PREFIX}{code[:4]}-{code[4:]}"


def _is_full(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "full" in str(exc)


class Outbox:
    """The durable queue of submissions; thread-safe; every write is committed and fsynced."""

    def __init__(self, db_path: Path | str, key_path: Path | str, *,
                 max_page_count: int | None = None) -> None:
        self.path, self.key_path = Path(db_path), Path(key_path)
        self._lock = threading.RLock()
        self._listeners: list[Callable[[OutboxEntry], None]] = []
        existed = self.path.exists() and self.path.stat().st_size > 0
        key = read_key(self.key_path)
        if key is None and existed:
            raise OutboxKeyError(self.key_path, f"the key file is missing but {self.path} exists; "
                                 "restore the key file (the outbox cannot be read without it)")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = self._connect(max_page_count)
        try:
            self._check_and_migrate(key)
        except BaseException:
            self._db.close()
            raise

    # -- opening ---------------------------------------------------------------------------
    def _connect(self, max_page_count: int | None) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                 timeout=10.0)
            mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            if max_page_count:
                db.execute(f"PRAGMA max_page_count={int(max_page_count)}")
        except sqlite3.DatabaseError as exc:
            raise OutboxCorrupt(self.path, f"not a readable outbox database ({exc}); the file was "
                                           "left untouched: move it aside for recovery") from None
        if mode.lower() != "wal":
            db.close()
            raise OutboxError(self.path, f"cannot switch to WAL journal mode (got {mode})")
        return db

    def _check_and_migrate(self, key: bytes | None) -> None:
        try:
            check = self._db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise OutboxCorrupt(self.path, f"integrity check failed ({check}); the file was left "
                                               "untouched: move it aside for recovery")
            with self._tx():
                for stmt in _SCHEMA.split(";"):
                    if stmt.strip():
                        self._db.execute(stmt)
            row = self._db.execute("SELECT value FROM meta WHERE name='key_check'").fetchone()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and _is_full(exc):
                raise OutboxFull(self.path, "no space left to open the outbox") from None
            raise OutboxCorrupt(self.path, f"not a readable outbox database ({exc}); the file was "
                                           "left untouched: move it aside for recovery") from None
        if row is None:
            count = self._db.execute("SELECT count(*) FROM items").fetchone()[0]
            if count:
                raise OutboxCorrupt(self.path, "items without a key check; left untouched")
            if key is None:
                key = create_key(self.key_path)
            self._sealer = Sealer(key, self.key_path)
            self._write("INSERT INTO meta (name, value) VALUES ('key_check', ?)",
                        (self._sealer.seal(_KEY_CHECK, b"key-check"),))
        else:
            assert key is not None
            self._sealer = Sealer(key, self.key_path)
            if self._sealer.open(row[0], b"key-check") != _KEY_CHECK:
                raise OutboxKeyError(self.key_path, "the key check does not match")

    def close(self) -> None:
        """Close the database (committed data is already on disk)."""
        with self._lock:
            self._db.close()

    # -- low level -------------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                if self._db.in_transaction:  # SQLITE_FULL has already rolled it back
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _write(self, sql: str, params: Sequence[Any]) -> None:
        self._run(lambda db: db.execute(sql, params))

    def _run(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        try:
            with self._tx() as db:
                return work(db)
        except sqlite3.OperationalError as exc:
            if _is_full(exc):
                raise OutboxFull(self.path, "the disk or the outbox size limit is full; the new "
                                            "item was NOT stored; stored items are intact") from None
            raise OutboxError(self.path, f"database error: {exc}") from None
        except sqlite3.DatabaseError as exc:
            raise OutboxCorrupt(self.path, f"database damaged ({exc}); left untouched") from None

    def _aad(self, local_ref: str, kind: str, key: str) -> bytes:
        return f"{local_ref}|{kind}|{key}".encode()

    # -- listeners -------------------------------------------------------------------------
    def add_listener(self, listener: Callable[[OutboxEntry], None]) -> None:
        """Call listener(entry) after every state change (from the thread that made it)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[OutboxEntry], None]) -> None:
        """Stop calling listener."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, local_ref: str) -> None:
        entry = self.get(local_ref)
        for listener in list(self._listeners):
            try:
                listener(entry)
            except Exception:  # a broken listener must not stop the outbox
                log.exception("outbox listener failed for %s", local_ref)

    # -- enqueue ---------------------------------------------------------------------------
    def enqueue(self, kind: str, payload: Mapping[str, Any], uploads: Sequence[UploadFile] = (),
                summary: str = "") -> OutboxEntry:
        """Store one item durably (committed and fsynced on return); returns it with its LOCAL- ref.

        `summary` is shown to staff in clear: service codes only, never personal data. A blocking
        disk write: call it from a worker thread (OutboxService.enqueue_async), never the UI thread.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown outbox item kind {kind!r}; expected one of {', '.join(KINDS)}")
        local_ref, key, now = new_local_ref(), str(uuid.uuid4()), time.time()
        plaintext = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        blob = self._sealer.seal(plaintext, self._aad(local_ref, kind, key))
        # scans are sealed one by one as raw bytes (no base64 inside the JSON: half the work)
        sealed = [(u.material_code, self._sealer.seal(u.pdf, self._aad(local_ref, f"upload{i}", key)))
                  for i, u in enumerate(uploads)]

        def work(db: sqlite3.Connection) -> None:  # the item and its upload slots, one transaction
            cur = db.execute("INSERT INTO items (local_ref, kind, idempotency_key, state, created_at,"
                             " updated_at, summary, payload) VALUES (?,?,?,?,?,?,?,?)",
                             (local_ref, kind, key, QUEUED, now, now, summary[:200], blob))
            for idx, (code, data) in enumerate(sealed):
                db.execute("INSERT INTO uploads (item_id, idx, idempotency_key, material_code, data) "
                           "VALUES (?,?,?,?,?)", (cur.lastrowid, idx, str(uuid.uuid4()), code, data))
        self._run(work)
        self._notify(local_ref)
        return self.get(local_ref)

    # -- reading ---------------------------------------------------------------------------
    _COLS = ("local_ref, kind, state, attempts, created_at, updated_at, summary, remote_ref, "
             "error_code, idempotency_key")

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        try:
            with self._lock:
                return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise OutboxCorrupt(self.path, f"database damaged ({exc}); left untouched") from None

    def get(self, local_ref: str) -> OutboxEntry:
        """One item by its LOCAL- reference; OutboxNotFound when there is none."""
        rows = self._query(f"SELECT {self._COLS} FROM items WHERE local_ref=?", (local_ref,))
        if not rows:
            raise OutboxNotFound(self.path, f"no outbox item {local_ref!r}")
        return OutboxEntry(*rows[0])

    def entries(self, state: str | None = None) -> list[OutboxEntry]:
        """All items (or those in one state), oldest first."""
        if state is None:
            rows = self._query(f"SELECT {self._COLS} FROM items ORDER BY id")
        else:
            rows = self._query(f"SELECT {self._COLS} FROM items WHERE state=? ORDER BY id", (state,))
        return [OutboxEntry(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Number of items in each state (every state listed, zeros included)."""
        found = dict(self._query("SELECT state, count(*) FROM items GROUP BY state"))
        return {s: found.get(s, 0) for s in STATES}

    def next_pending(self) -> OutboxEntry | None:
        """The oldest item still to send (queued, or sending when a previous run was interrupted)."""
        rows = self._query(f"SELECT {self._COLS} FROM items WHERE state IN (?, ?) ORDER BY id "
                           "LIMIT 1", PENDING)
        return OutboxEntry(*rows[0]) if rows else None

    def payload(self, entry: OutboxEntry) -> tuple[dict, list[UploadFile]]:
        """Decrypt an item's payload and its upload files."""
        blob = self._query("SELECT payload FROM items WHERE local_ref=?", (entry.local_ref,))[0][0]
        payload = json.loads(self._sealer.open(blob, self._aad(entry.local_ref, entry.kind,
                                                               entry.idempotency_key)))
        rows = self._query("SELECT u.idx, u.material_code, u.data FROM uploads u JOIN items i "
                           "ON u.item_id = i.id WHERE i.local_ref=? ORDER BY u.idx", (entry.local_ref,))
        return payload, [UploadFile(code, self._sealer.open(data, self._aad(
            entry.local_ref, f"upload{idx}", entry.idempotency_key))) for idx, code, data in rows]

    def upload_slots(self, entry: OutboxEntry) -> list[tuple[int, str, str | None]]:
        """(index, idempotency key, upload_id once known) of each upload of the item."""
        return self._query("SELECT u.idx, u.idempotency_key, u.upload_id FROM uploads u JOIN items i "
                           "ON u.item_id = i.id WHERE i.local_ref=? ORDER BY u.idx",
                           (entry.local_ref,))

    def outcome(self, entry: OutboxEntry) -> dict | None:
        """The decrypted outcome (rejection reasons or the error detail), if any."""
        blob = self._query("SELECT outcome FROM items WHERE local_ref=?", (entry.local_ref,))[0][0]
        if blob is None:
            return None
        return json.loads(self._sealer.open(blob, self._aad(entry.local_ref, "outcome",
                                                            entry.idempotency_key)))

    # -- transitions -----------------------------------------------------------------------
    def record_upload(self, entry: OutboxEntry, idx: int, upload_id: str) -> None:
        """Remember the platform's upload_id for one upload of the item."""
        self._write("UPDATE uploads SET upload_id=? WHERE idx=? AND item_id=(SELECT id FROM items "
                    "WHERE local_ref=?)", (upload_id, idx, entry.local_ref))

    def mark_sending(self, entry: OutboxEntry) -> OutboxEntry:
        """queued → sending (counts the attempt)."""
        self._write("UPDATE items SET state=?, attempts=attempts+1, updated_at=? WHERE local_ref=?",
                    (SENDING, time.time(), entry.local_ref))
        self._notify(entry.local_ref)
        return self.get(entry.local_ref)

    def mark_queued(self, entry: OutboxEntry, error_code: str | None = None) -> None:
        """sending → queued after a transient failure (the platform was not reachable)."""
        self._write("UPDATE items SET state=?, error_code=?, updated_at=? WHERE local_ref=?",
                    (QUEUED, error_code, time.time(), entry.local_ref))
        self._notify(entry.local_ref)

    def mark_done(self, entry: OutboxEntry, state: str, remote_ref: str | None = None,
                  error_code: str | None = None, outcome: Mapping[str, Any] | None = None) -> None:
        """sending → accepted (remote_ref) | rejected (reasons) | failed (needs staff)."""
        if state not in (ACCEPTED, REJECTED, FAILED):
            raise ValueError(f"not a final state: {state}")
        blob = None
        if outcome is not None:
            blob = self._sealer.seal(json.dumps(outcome, ensure_ascii=False).encode("utf-8"),
                                     self._aad(entry.local_ref, "outcome", entry.idempotency_key))
        self._write("UPDATE items SET state=?, remote_ref=?, error_code=?, outcome=?, updated_at=? "
                    "WHERE local_ref=?", (state, remote_ref, error_code, blob, time.time(),
                                          entry.local_ref))
        self._notify(entry.local_ref)

    def retry(self, local_ref: str) -> OutboxEntry:
        """Staff action: failed → queued, keeping the item's idempotency key."""
        entry = self.get(local_ref)
        if entry.state != FAILED:
            raise OutboxStateError(self.path, f"{local_ref} is {entry.state}; only failed items "
                                              "can be retried")
        self._write("UPDATE items SET state=?, attempts=0, updated_at=? WHERE local_ref=?",
                    (QUEUED, time.time(), local_ref))
        self._notify(local_ref)
        return self.get(local_ref)
