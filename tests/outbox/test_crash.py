"""Crash test: the sender process is SIGKILLed at random moments, ≥50 times; nothing lost or doubled."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.outbox import ACCEPTED, Outbox, UploadFile
from tests.platform_support import (ZHANG, a_service, application, sample_pdf, start_platform,
                                    zhang_ref)

pytestmark = pytest.mark.platform

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 50      # SIGKILLs that must land while the sender runs
MAX_ROUNDS = 150  # on a fast machine some runners finish before the kill: go on until 50 landed


def runner(tmp_path: Path, platform) -> list[str]:
    return [sys.executable, "-m", "kiosk.outbox.runner", "--db", str(tmp_path / "outbox.sqlite3"),
            "--key", str(tmp_path / "outbox.key"), "--url", platform.url, "--kiosk-id",
            platform.kiosk_id, "--secret-file", str(platform.secret_file), "--read-timeout", "3"]


def test_sigkill_at_random_moments_loses_and_doubles_nothing(tmp_path):
    platform = start_platform(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    try:
        client = platform.client()
        ref = zhang_ref(client)
        # some answers are lost after the server committed: the runner retries with the same key
        platform.handle.set_faults(["applications_create:drop_after:0.15",
                                    "uploads_create:drop_after:0.15"], seed=3)
        before = {s["application_no"] for s in client.list_applications(ref)}
        _code, required = a_service()
        box = Outbox(tmp_path / "outbox.sqlite3", tmp_path / "outbox.key")
        rng = random.Random(int(os.environ.get("CRASH_SEED", "9")))
        pdf = sample_pdf("crash")
        refs, kills = [], 0
        for round_no in range(MAX_ROUNDS):
            if kills >= ROUNDS:
                break
            for j in range(2):  # the kiosk keeps enqueueing while the sender runs and dies
                n = len(refs)
                with_upload = n % 3 == 0
                refs.append(box.enqueue(
                    "application", application(ref, f"crash-{n}",
                                               upload_material=required[0] if with_upload else None),
                    [UploadFile(required[0], pdf)] if with_upload else []).local_ref)
            proc = subprocess.Popen(runner(tmp_path, platform), cwd=ROOT, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            assert proc.stdout.readline().strip() == "ready"  # imports done: now it is sending
            time.sleep(rng.uniform(0.0, 0.12))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait(10)
            proc.stdout.close()
        assert kills >= ROUNDS, f"only {kills} kills landed while sending"
        platform.handle.set_faults([])
        final = subprocess.run(runner(tmp_path, platform), cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=120)
        assert final.returncode == 0, final.stdout + final.stderr
        assert json.loads(final.stdout.splitlines()[-1])["counts"]["queued"] == 0
        entries = {e.local_ref: e for e in box.entries()}
        assert sorted(entries) == sorted(refs)  # none lost from the outbox
        assert all(entries[r].state == ACCEPTED for r in refs)
        numbers = [entries[r].remote_ref for r in refs]
        assert len(set(numbers)) == len(refs)
        on_server = [s["application_no"] for s in client.list_applications(ref)
                     if s["application_no"] not in before]
        # every item on the server exactly once, and nothing else was created (no doubles)
        assert sorted(on_server) == sorted(numbers)
        # and each scan was uploaded once: the upload's key made every repeat return the first one
        with sqlite3.connect(platform.handle.db) as db:
            uploads = db.execute("SELECT count(*) FROM uploads WHERE kiosk_id=?",
                                 (platform.kiosk_id,)).fetchone()[0]
        assert uploads == sum(1 for n in range(len(refs)) if n % 3 == 0)
        box.close()
        outbox_files = b"".join(p.read_bytes() for p in tmp_path.glob("outbox.sqlite3*"))
        for personal in (ZHANG["name"], ZHANG["id"]):
            assert personal.encode() not in outbox_files
    finally:
        platform.handle.stop()
