"""Receipt-printer contract: print jobs with an identity, and paper/cover status."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from drivers.base import CommandHandle, DeviceStatus
from drivers.events import CoverOpen, JobDone, MediaTaken, PaperLow, PaperOut

# Event kinds a printer emits (besides "status" and "error"); the typed classes are in events.
PAPER_LOW = PaperLow.KIND
PAPER_OUT = PaperOut.KIND
COVER_OPEN = CoverOpen.KIND
JOB_DONE = JobDone.KIND
SLIP_LEFT = "slip_left"  # a printed slip still waits at the exit after the configured time
MEDIA_TAKEN = MediaTaken.KIND


@dataclass(frozen=True)
class PrintJob:
    """Bytes ready for the printer, with an identity so a job is never lost or printed twice."""

    data: bytes
    title: str = ""
    job_id: str = field(default_factory=lambda: uuid.uuid4().hex)


@runtime_checkable
class ReceiptPrinter(Protocol):
    """A device that prints receipts."""

    name: str

    def start(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...
    def status(self) -> DeviceStatus: ...
    def print_job(self, job: PrintJob, timeout: float = 30.0) -> CommandHandle[str]: ...
    def add_listener(self, cb: Any) -> None: ...
    def remove_listener(self, cb: Any) -> None: ...
    def diagnostics(self) -> dict: ...
