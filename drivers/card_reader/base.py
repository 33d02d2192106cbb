"""Card-reader contract: what a read returns and the events a reader raises."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from drivers.base import CommandHandle, DeviceStatus
from drivers.events import CardInserted, CardRemoved, ReadFailed

# Event kinds a card reader emits (besides "status" and "error"); the typed classes are in events.
CARD_INSERTED = CardInserted.KIND
CARD_REMOVED = CardRemoved.KIND
READ_FAILED = ReadFailed.KIND


@dataclass(frozen=True)
class IdentityRecord:
    """Identity read from a document; personal data, lives only in the session."""

    document_type: str  # "resident_id" | "mrtd"
    name: str
    id_number: str
    sex: str = ""
    nation: str = ""
    birth_date: str = ""  # YYYY-MM-DD
    address: str = ""
    authority: str = ""
    valid_from: str = ""
    valid_to: str = ""  # YYYY-MM-DD or 长期
    extra: dict = field(default_factory=dict, compare=False, repr=False)
    # optional parts that could not be read: (part, reason), e.g. ("appended_address", "...")
    missing: tuple[tuple[str, str], ...] = ()
    # plausibility findings (codes from drivers.card_reader.plausibility); the read is kept
    plausibility: tuple[str, ...] = ()

    def __repr__(self) -> str:  # never leak personal data into logs or tracebacks
        from kiosk.privacy import mask_id, mask_name
        return (f"IdentityRecord({self.document_type}, name={mask_name(self.name)}, "
                f"id={mask_id(self.id_number)})")

    __str__ = __repr__


@runtime_checkable
class CardReader(Protocol):
    """A device that reads identity documents."""

    name: str

    def start(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...
    def status(self) -> DeviceStatus: ...
    def read_card(self, timeout: float = 10.0) -> CommandHandle[IdentityRecord]: ...
    def add_listener(self, cb: Any) -> None: ...
    def remove_listener(self, cb: Any) -> None: ...
    def diagnostics(self) -> dict: ...
