"""The outbox as the flow uses it: enqueue without blocking the caller, outcomes via listeners."""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, Mapping, Sequence

from kiosk.outbox.sender import OutboxSender
from kiosk.outbox.store import Outbox, OutboxEntry, UploadFile
from kiosk.platform_link.client import PlatformClient


class OutboxService:
    """Owns the store, the sender thread and a disk-writer thread; no method blocks on disk or network.

    Listeners get every state change (queued, sending, accepted, rejected, failed) on a background
    thread; a UI must hand them to its own thread (e.g. Kivy's Clock) before touching widgets.
    """

    def __init__(self, outbox: Outbox, client: PlatformClient, **sender_options: Any) -> None:
        self.outbox = outbox
        self.sender = OutboxSender(outbox, client, **sender_options)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox-writer")

    def start(self) -> None:
        """Start draining in the background."""
        self.sender.start()

    def stop(self) -> None:
        """Finish pending writes, stop the sender, close the database."""
        self._writer.shutdown(wait=True)
        self.sender.stop()
        self.outbox.close()

    def add_listener(self, listener: Callable[[OutboxEntry], None]) -> None:
        """Call listener(entry) on every state change (from a background thread)."""
        self.outbox.add_listener(listener)

    def enqueue_async(self, kind: str, payload: Mapping[str, Any], uploads: Sequence[UploadFile] = (),
                      summary: str = "") -> "Future[OutboxEntry]":
        """Store the item on the writer thread; the future gives its entry (LOCAL- ref) or the
        OutboxFull / OutboxCorrupt / OutboxKeyError that refused it."""
        return self._writer.submit(self.outbox.enqueue, kind, dict(payload), list(uploads), summary)

    def retry_async(self, local_ref: str) -> "Future[OutboxEntry]":
        """Staff retry of a failed item, off the caller's thread."""
        return self._writer.submit(self.outbox.retry, local_ref)
