"""Database schema (SQLAlchemy Core) and engine set-up for SQLite or PostgreSQL."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import (
    JSON, Column, Float, Integer, LargeBinary, MetaData, String, Table, Text, create_engine, event,
)
from sqlalchemy.engine import Engine

metadata = MetaData()

kiosks = Table(
    "kiosks", metadata,
    Column("kiosk_id", String(64), primary_key=True),
    Column("secret", String(128), nullable=False),
    Column("created_at", Float, nullable=False),
)

nonces = Table(
    "nonces", metadata,
    Column("kiosk_id", String(64), primary_key=True),
    Column("nonce", String(128), primary_key=True),
    Column("seen_at", Float, nullable=False, index=True),
)

idempotency = Table(
    "idempotency", metadata,
    Column("kiosk_id", String(64), primary_key=True),
    Column("idem_key", String(36), primary_key=True),
    Column("endpoint", String(64), nullable=False),
    Column("request_hash", String(64), nullable=False),
    Column("status", Integer, nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("created_at", Float, nullable=False),
)

persons = Table(
    "persons", metadata,
    Column("person_ref", String(40), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("id_number", String(18), unique=True),
    Column("passport_no", String(20)),
    Column("nationality", String(3)),
    Column("e_id_token", String(80), unique=True),
    Column("shared_data", JSON, nullable=False),
)

certificates = Table(
    "certificates", metadata,
    Column("cert_id", String(40), primary_key=True),
    Column("person_ref", String(40), nullable=False, index=True),
    Column("type_code", String(40), nullable=False),
    Column("name", String(100), nullable=False),
    Column("issuer", String(100), nullable=False),
    Column("issued_on", String(10), nullable=False),
    Column("valid_to", String(10)),
)

uploads = Table(
    "uploads", metadata,
    Column("upload_id", String(40), primary_key=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("material_code", String(64), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("pages", Integer, nullable=False),
    Column("size", Integer, nullable=False),
    Column("created_at", String(25), nullable=False),
)

applications = Table(
    "applications", metadata,
    Column("application_no", String(32), primary_key=True),
    Column("person_ref", String(40), nullable=False, index=True),
    Column("kiosk_id", String(64)),
    Column("bundle", String(64)),
    Column("title", Text, nullable=False),
    Column("status", String(32), nullable=False),
    Column("received_at", String(25), nullable=False),
    Column("promised_date", String(10)),
    Column("form", JSON, nullable=False),
    Column("materials", JSON, nullable=False),
    Column("delivery", String(16), nullable=False),
    Column("contact_phone", String(32)),
    Column("reasons", JSON),
    Column("supplement", JSON),
)

application_items = Table(
    "application_items", metadata,
    Column("application_no", String(32), primary_key=True),
    Column("code", String(32), primary_key=True),
    Column("department", Text, nullable=False),
    Column("status", String(32), nullable=False),
)

timeline = Table(
    "timeline", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("application_no", String(32), nullable=False, index=True),
    Column("at", String(25), nullable=False),
    Column("step", String(32), nullable=False),
    Column("department", Text, nullable=False),
    Column("note", Text, nullable=False),
)

results = Table(
    "results", metadata,
    Column("pickup_code", String(16), primary_key=True),
    Column("application_no", String(32), nullable=False, unique=True),
    Column("person_ref", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("delivery", String(16), nullable=False),
    Column("ready_at", String(25), nullable=False),
    Column("expires_at", String(25), nullable=False),
    Column("locker", JSON),
    Column("courier", JSON),
    Column("document", JSON),
    Column("collected_at", String(25)),
    Column("collected_by", String(64)),
    Column("collected_via", String(16)),
)

evaluations = Table(
    "evaluations", metadata,
    Column("application_no", String(32), primary_key=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("level", Integer, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("comment", Text),
    Column("created_at", String(25), nullable=False),
)


def db_url(db: str) -> str:
    """A SQLAlchemy URL from --db: a URL as given, anything else is a SQLite file path."""
    if "://" in db:
        return db
    return "sqlite:///" + str(Path(db).resolve())


def make_engine(db: str) -> Engine:
    """An engine for --db; SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE transactions."""
    url = db_url(db)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_size=10, max_overflow=40, pool_timeout=60, pool_pre_ping=True)
    # Pool larger than the 40 worker threads, so a burst waits on SQLite's lock, never on the pool.
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                           pool_size=20, max_overflow=30, pool_timeout=60)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.isolation_level = None  # let the "begin" hook below issue BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        # IMMEDIATE takes the write lock up front, so two writers queue instead of failing with BUSY;
        # read-only work (reader(engine)) begins DEFERRED and runs beside writers under WAL.
        if conn.get_execution_options().get("read_only"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def reader(engine: Engine) -> Engine:
    """The same engine marked for read-only transactions (no write lock on SQLite)."""
    return engine.execution_options(read_only=True)


def open_db(db: str) -> Engine:
    """Create the engine and any missing tables."""
    engine = make_engine(db)
    metadata.create_all(engine)
    return engine
