"""The outbox store on a real SQLite file: encryption at rest, keys, full disk, corrupt file."""
from __future__ import annotations

import hashlib
import re
import sqlite3
import stat

import pytest

from kiosk.outbox import (FAILED, QUEUED, Outbox, OutboxCorrupt, OutboxFull, OutboxKeyError,
                          OutboxStateError, UploadFile)

NAME, ID_NO, ADDRESS = "王小明", "11010519491231002X", "北京市朝阳区建国路88号"


def application(i: int = 0) -> dict:
    return {"items": ["SVC-001"], "person_ref": f"P-{i}",
            "form": {"name": NAME, "id_number": ID_NO, "address": ADDRESS, "n": i},
            "materials": [{"code": "M1", "via": "upload", "upload_index": 0}],
            "delivery": "window", "contact_phone": "13800138000"}


def files_bytes(tmp_path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(tmp_path.iterdir()) if p.name.startswith("o.db"))


def test_round_trip_and_local_reference(tmp_path):
    box = Outbox(tmp_path / "o.db", tmp_path / "outbox.key")
    pdf = b"%PDF-1.4 scan of " + ID_NO.encode()
    e = box.enqueue("application", application(), [UploadFile("M1", pdf)], summary="SVC-001")
    assert re.fullmatch(r"LOCAL-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", e.local_ref) and e.is_local
    assert e.state == QUEUED and len(e.idempotency_key) == 36
    payload, files = box.payload(e)
    assert payload == application() and files == [UploadFile("M1", pdf)]
    (idx, upload_key, upload_id), = box.upload_slots(e)
    assert (idx, upload_id) == (0, None) and upload_key != e.idempotency_key
    assert stat.S_IMODE((tmp_path / "outbox.key").stat().st_mode) == 0o600
    box.close()
    again = Outbox(tmp_path / "o.db", tmp_path / "outbox.key")  # keys survive a restart
    assert again.get(e.local_ref).idempotency_key == e.idempotency_key
    assert again.upload_slots(e)[0][1] == upload_key


def test_db_and_wal_hold_no_plaintext_personal_data(tmp_path):
    box = Outbox(tmp_path / "o.db", tmp_path / "outbox.key")
    for i in range(5):
        box.enqueue("application", application(i), [UploadFile("M1", b"%PDF " + ID_NO.encode())])
    e = box.entries()[0]
    box.mark_sending(e)
    box.mark_done(e, "rejected", remote_ref="A-1", outcome={"reasons": [f"{NAME} {ID_NO}"]})
    raw = files_bytes(tmp_path)
    assert (tmp_path / "o.db-wal").stat().st_size > 0  # the WAL is part of what we searched
    for secret in (NAME, ID_NO, ADDRESS, "13800138000"):
        for enc in ("utf-8", "utf-16-le", "gb18030"):
            assert secret.encode(enc) not in raw, (secret, enc)
    assert box.outcome(box.get(e.local_ref)) == {"reasons": [f"{NAME} {ID_NO}"]}


def test_wrong_or_missing_key_is_a_clear_error_and_changes_nothing(tmp_path):
    box = Outbox(tmp_path / "o.db", tmp_path / "outbox.key")
    ref = box.enqueue("evaluation", {"application_no": "A1", "level": 5}).local_ref
    box.close()
    before = files_bytes(tmp_path)
    (tmp_path / "other.key").write_bytes(b"\x01" * 32)
    with pytest.raises(OutboxKeyError, match="does not decrypt"):
        Outbox(tmp_path / "o.db", tmp_path / "other.key")
    with pytest.raises(OutboxKeyError, match="missing"):
        Outbox(tmp_path / "o.db", tmp_path / "nokey")
    assert not (tmp_path / "nokey").exists()  # never silently replaced by a new key
    (tmp_path / "short.key").write_bytes(b"abc")
    with pytest.raises(OutboxKeyError, match="32 bytes"):
        Outbox(tmp_path / "o.db", tmp_path / "short.key")
    assert (tmp_path / "short.key").read_bytes() == b"abc"
    assert files_bytes(tmp_path) == before
    assert Outbox(tmp_path / "o.db", tmp_path / "outbox.key").get(ref).state == QUEUED


def test_corrupt_database_is_reported_and_left_untouched(tmp_path):
    box = Outbox(tmp_path / "o.db", tmp_path / "outbox.key")
    for i in range(30):
        box.enqueue("application", application(i))
    box.close()
    data = bytearray((tmp_path / "o.db").read_bytes())
    data[0:16] = b"not a database!!"  # the header
    (tmp_path / "o.db").write_bytes(bytes(data))
    digest = hashlib.sha256(bytes(data)).hexdigest()
    with pytest.raises(OutboxCorrupt, match="left untouched"):
        Outbox(tmp_path / "o.db", tmp_path / "outbox.key")
    assert hashlib.sha256((tmp_path / "o.db").read_bytes()).hexdigest() == digest


def test_damaged_page_fails_the_integrity_check(tmp_path):
    box = Outbox(tmp_path / "o.db", tmp_path / "outbox.key")
    for i in range(60):
        box.enqueue("application", application(i), summary="x" * 150)
    box.close()
    data = bytearray((tmp_path / "o.db").read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page:2 * page + 200] = b"\xff" * 200  # scribble over a b-tree page
    (tmp_path / "o.db").write_bytes(bytes(data))
    with pytest.raises(OutboxCorrupt):
        Outbox(tmp_path / "o.db", tmp_path / "outbox.key")
    assert (tmp_path / "o.db").read_bytes() == bytes(data)


def test_full_disk_refuses_the_new_item_and_keeps_the_old(tmp_path):
    box = Outbox(tmp_path / "o.db", tmp_path / "outbox.key")
    kept = [box.enqueue("application", application(i)).local_ref for i in range(3)]
    box.close()
    pages = sqlite3.connect(tmp_path / "o.db").execute("PRAGMA page_count").fetchone()[0]
    small = Outbox(tmp_path / "o.db", tmp_path / "outbox.key", max_page_count=pages + 2)
    big = UploadFile("M1", b"%PDF" + bytes(range(256)) * 200)  # ~50 kB: more than 2 pages
    with pytest.raises(OutboxFull, match="NOT stored"):
        small.enqueue("application", application(9), [big])
    assert [e.local_ref for e in small.entries()] == kept
    assert small.counts()[QUEUED] == 3
    small.close()
    assert len(Outbox(tmp_path / "o.db", tmp_path / "outbox.key").entries()) == 3


def test_retry_only_moves_failed_items_and_keeps_the_key(tmp_path):
    box = Outbox(tmp_path / "o.db", tmp_path / "outbox.key")
    e = box.enqueue("handover", {"pickup_code": "P1", "person_ref": "R", "via": "print"})
    with pytest.raises(OutboxStateError, match="only failed"):
        box.retry(e.local_ref)
    box.mark_done(box.mark_sending(e), FAILED, error_code="validation_failed")
    seen = []
    box.add_listener(seen.append)
    again = box.retry(e.local_ref)
    assert again.state == QUEUED and again.idempotency_key == e.idempotency_key
    assert again.attempts == 0 and seen[-1].state == QUEUED
    with pytest.raises(ValueError, match="unknown outbox item kind"):
        box.enqueue("postcard", {})
