"""Receipt-printer contract: print jobs with an identity, and paper/cover status."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Protocol

from drivers.base import CommandHandle, DeviceStatus

# Event kinds a printer emits (besides "status" and "error").
PAPER_LOW = "paper_low"
PAPER_OUT = "paper_out"
COVER_OPEN = "cover_open"
JOB_DONE = "job_done"


@dataclass(frozen=True)
class PrintJob:
    """Bytes ready for the printer, with an identity so a job is never lost or printed twice."""

    data: bytes
    title: str = ""
    job_id: str = field(default_factory=lambda: uuid.uuid4().hex)


class ReceiptPrinter(Protocol):
    """A device that prints receipts."""

    name: str

    def start(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...
    def status(self) -> DeviceStatus: ...
    def print_job(self, job: PrintJob, timeout: float = 30.0) -> CommandHandle[str]: ...
    def diagnostics(self) -> dict: ...
