"""Typed outbox errors: each names the file and what to do, and none of them deletes anything."""
from __future__ import annotations

from pathlib import Path


class OutboxError(Exception):
    """Base of every outbox error."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{path}: {message}")


class OutboxFull(OutboxError):
    """The disk (or the database's size limit) is full: the item was not stored; nothing else lost."""


class OutboxCorrupt(OutboxError):
    """The database file is damaged or not an outbox; it is left untouched for staff to recover."""


class OutboxKeyError(OutboxError):
    """The key file is missing, damaged or not the key this outbox was written with."""


class OutboxNotFound(OutboxError):
    """No outbox item has that reference."""


class OutboxStateError(OutboxError):
    """The item is not in a state that allows the requested change (e.g. retry of an accepted item)."""
