"""The submission outbox: durable, encrypted, idempotent; a background sender drains it.

Public API: OutboxService (what the flow uses), Outbox (store), OutboxSender (thread), OutboxEntry, UploadFile, the states, the errors,
and open_outbox(root) for the standard files under var/.
"""
from pathlib import Path

from kiosk.outbox.errors import (OutboxCorrupt, OutboxError, OutboxFull, OutboxKeyError,
                                 OutboxNotFound, OutboxStateError)
from kiosk.outbox.sender import OutboxSender
from kiosk.outbox.service import OutboxService
from kiosk.outbox.store import (ACCEPTED, FAILED, LOCAL_PREFIX, QUEUED, REJECTED, SENDING, STATES,
                                Outbox, OutboxEntry, UploadFile)

DB_NAME, KEY_NAME = "outbox.sqlite3", "outbox.key"


def open_outbox(root: Path) -> Outbox:
    """The kiosk's outbox: var/outbox.sqlite3, key var/outbox.key beside var/installation.key."""
    var = Path(root) / "var"
    return Outbox(var / DB_NAME, var / KEY_NAME)


__all__ = ["Outbox", "OutboxSender", "OutboxService", "OutboxEntry", "UploadFile", "open_outbox", "OutboxError",
           "OutboxFull", "OutboxCorrupt", "OutboxKeyError", "OutboxNotFound", "OutboxStateError",
           "QUEUED", "SENDING", "ACCEPTED", "REJECTED", "FAILED", "STATES", "LOCAL_PREFIX"]
