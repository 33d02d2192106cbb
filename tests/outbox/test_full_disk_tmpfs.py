"""A really full disk: the outbox on a tiny tmpfs (needs permission to mount; skipped otherwise)."""
from __future__ import annotations

import os
import subprocess

import pytest

from kiosk.outbox import Outbox, OutboxError, OutboxFull, UploadFile


@pytest.fixture()
def tiny_disk(tmp_path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=384k", "tmpfs", str(mnt)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()[:80]}); "
                    "tests/outbox/test_store.py covers SQLITE_FULL with max_page_count")
    yield mnt
    subprocess.run(["umount", str(mnt)], check=False)


def test_enospc_refuses_the_new_item_and_keeps_every_stored_one(tiny_disk):
    box = Outbox(tiny_disk / "outbox.sqlite3", tiny_disk / "outbox.key")
    scan = UploadFile("id_card", os.urandom(24 * 1024))
    stored, error = [], None
    for i in range(100):
        try:
            stored.append(box.enqueue("application", {"n": i}, [scan]).local_ref)
        except OutboxError as exc:
            error = exc
            break
    assert isinstance(error, OutboxFull), repr(error)
    assert "NOT stored" in str(error) and len(stored) >= 3
    assert [e.local_ref for e in box.entries()] == stored
    box.close()
    reopened = Outbox(tiny_disk / "outbox.sqlite3", tiny_disk / "outbox.key")
    assert [e.local_ref for e in reopened.entries()] == stored
    assert reopened.payload(reopened.get(stored[-1]))[1] == [scan]
    reopened.close()
