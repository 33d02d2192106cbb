"""What staff mode works with: the authenticator, the audit log, the service state and the outbox."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

from kiosk.staff.audit import AuditLog
from kiosk.staff.auth import StaffAuthenticator, StaffRegistry
from kiosk.staff.service_state import ServiceState

REGISTRY_FILE = Path("config") / "staff.json"
AUDIT_FILE = Path("var") / "log" / "staff-audit.jsonl"


def app_version() -> str:
    """The installed package's version, or the checkout's pyproject version."""
    try:
        return metadata.version("onetrip-kiosk")
    except metadata.PackageNotFoundError:
        pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
        for line in pyproject.read_text(encoding="utf-8").splitlines():
            if line.startswith("version"):
                return line.split("=", 1)[1].strip().strip('"')
        return "unknown"


@dataclass
class StaffServices:
    """Staff mode's collaborators; `outbox` is a kiosk.outbox Outbox (or None when there is none)."""

    auth: StaffAuthenticator
    audit: AuditLog
    state: ServiceState = field(default_factory=ServiceState)
    outbox: Any = None
    version: str = field(default_factory=app_version)

    @classmethod
    def from_root(cls, root: Path, clock: Callable[[], float] = time.monotonic,
                  outbox: Any = None) -> "StaffServices":
        """Registry in config/staff.json (hashes only), audit in var/log/staff-audit.jsonl."""
        registry = StaffRegistry.load(Path(root) / REGISTRY_FILE)
        return cls(StaffAuthenticator(registry, clock), AuditLog(Path(root) / AUDIT_FILE),
                   outbox=outbox)
