"""The background sender: drains the outbox whenever the platform is reachable, with backoff."""
from __future__ import annotations

import logging
import random
import threading
import time
from typing import Any, Callable

from kiosk.outbox.crypto import OutboxKeyError
from kiosk.outbox.errors import OutboxError
from kiosk.outbox.store import ACCEPTED, FAILED, QUEUED, REJECTED, Outbox, OutboxEntry
from kiosk.platform_link.client import PlatformClient
from kiosk.platform_link.errors import PlatformError, PlatformRejected

log = logging.getLogger(__name__)


def _with_upload_ids(materials: list[dict], upload_ids: dict[int, str]) -> list[dict]:
    """Replace each material's {"upload_index": i} by the platform's {"upload_id": ...}."""
    out = []
    for m in materials:
        m = dict(m)
        if "upload_index" in m:
            m["upload_id"] = upload_ids[int(m.pop("upload_index"))]
        out.append(m)
    return out


class OutboxSender:
    """One thread that sends queued items in order; a transient failure pauses it with backoff."""

    def __init__(self, outbox: Outbox, client: PlatformClient, *, idle_poll_s: float = 5.0,
                 backoff_s: float = 0.5, backoff_max_s: float = 60.0,
                 on_reachability: Callable[[bool, str], None] | None = None) -> None:
        self.outbox, self.client = outbox, client
        self.idle_poll_s, self.backoff_s, self.backoff_max_s = idle_poll_s, backoff_s, backoff_max_s
        self._on_reachability = on_reachability
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self._failures, self._resume_at = 0, 0.0
        self.reachable: bool | None = None
        outbox.add_listener(self._on_change)

    def _on_change(self, entry: OutboxEntry) -> None:
        if entry.state == QUEUED:
            self._wake.set()

    def start(self) -> None:
        """Start the sender thread (daemon)."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="outbox-sender", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to stop after the current request and wait for it."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def nudge(self) -> None:
        """Try again now (e.g. the network came back), skipping the remaining backoff."""
        self._failures, self._resume_at = 0, 0.0
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()  # before looking for work, so no enqueue in between is missed
            pause = self._resume_at - time.monotonic()
            if pause > 0:  # backing off: new items wait too, unless nudged
                self._wake.wait(pause)
                continue
            try:
                progressed = self.send_next()
            except OutboxError as exc:  # disk full or damaged: keep the thread, try later
                log.error("outbox: %s", exc)
                progressed = False
                self._failures += 1
            if progressed:
                continue
            if progressed is None:
                self._wake.wait(self.idle_poll_s)
                continue
            delay = min(self.backoff_max_s, self.backoff_s * 2 ** max(0, self._failures - 1))
            self._resume_at = time.monotonic() + delay * random.uniform(0.7, 1.0)

    def drain(self, max_items: int = 10_000) -> int:
        """Send pending items on this thread until none is left or the platform fails; returns sent."""
        sent = 0
        while sent < max_items and self.send_next():
            sent += 1
        return sent

    def _reachability(self, up: bool, detail: str) -> None:
        if up != self.reachable:
            self.reachable = up
            (log.info if up else log.warning)("platform %s%s", "usable again" if up else "not usable",
                                              "" if up else f": {detail}")
            if self._on_reachability is not None:
                self._on_reachability(up, detail)

    def send_next(self) -> bool | None:
        """Send the oldest pending item: True sent (any final state), False transient, None idle."""
        entry = self.outbox.next_pending()
        if entry is None:
            return None
        entry = self.outbox.mark_sending(entry)
        try:
            final = self._send(entry)
        except PlatformError as exc:
            if exc.transient:
                self._failures += 1
                self._reachability(False, str(exc))
                self.outbox.mark_queued(entry, getattr(exc, "code", None) or type(exc).__name__)
                return False
            code = exc.code if isinstance(exc, PlatformRejected) else "protocol_error"
            self.outbox.mark_done(entry, FAILED, error_code=code, outcome={"detail": str(exc)})
            log.warning("outbox %s failed (needs staff): %s", entry.local_ref, code)
        except (OutboxKeyError, ValueError, KeyError) as exc:
            self.outbox.mark_done(entry, FAILED, error_code="payload_unreadable",
                                  outcome={"detail": str(exc)})
            log.error("outbox %s: payload unreadable: %s", entry.local_ref, type(exc).__name__)
        else:
            state, remote_ref, outcome = final
            self.outbox.mark_done(entry, state, remote_ref=remote_ref, outcome=outcome)
        self._failures = 0
        self._reachability(True, "")
        return True

    def _send(self, entry: OutboxEntry) -> tuple[str, str | None, dict | None]:
        payload, files = self.outbox.payload(entry)
        upload_ids: dict[int, str] = {}
        for idx, key, upload_id in self.outbox.upload_slots(entry):
            if upload_id is None:  # the key makes a repeat after a crash return the same upload
                upload_id = self.client.upload(files[idx].pdf, files[idx].material_code,
                                               idempotency_key=key).upload_id
                self.outbox.record_upload(entry, idx, upload_id)
            upload_ids[idx] = upload_id
        key = entry.idempotency_key
        if entry.kind == "application":
            body = dict(payload)
            body["materials"] = _with_upload_ids(list(body.get("materials", [])), upload_ids)
            receipt = self.client.submit_application(body, idempotency_key=key)
            if receipt.status == "rejected":
                return REJECTED, receipt.application_no, {"reasons": list(receipt.reasons)}
            return ACCEPTED, receipt.application_no, None
        if entry.kind == "supplement":
            answer = self.client.submit_supplement(
                payload["application_no"], _with_upload_ids(list(payload["materials"]), upload_ids),
                idempotency_key=key)
            return ACCEPTED, payload["application_no"], _status(answer)
        if entry.kind == "evaluation":
            self.client.evaluate(payload, idempotency_key=key)
            return ACCEPTED, payload.get("application_no"), None
        if entry.kind == "handover":
            self.client.handover(payload["pickup_code"], payload["person_ref"], payload["via"],
                                 idempotency_key=key)
            return ACCEPTED, payload["pickup_code"], None
        raise ValueError(f"unknown kind {entry.kind}")


def _status(answer: Any) -> dict | None:
    return {"status": answer.get("status")} if isinstance(answer, dict) else None
