"""Reads devices, outbox and catalog into the staff page (runs on the host's executor: disk reads)."""
from __future__ import annotations

import hashlib
import json
from typing import Any

from kiosk.flow.staff.pages import DeviceLine, OutboxLine, StaffPage
from kiosk.flow.staff.services import StaffServices


def catalog_version(content: Any) -> str:
    """A short fingerprint of every item's and bundle's code and version (after the platform's
    version number once an update from the platform runs)."""
    catalog = getattr(content, "catalog", None)
    if catalog is None:
        return "-"
    parts = sorted(f"{c}:{i.version}" for c, i in {**catalog.items, **catalog.bundles}.items())
    short = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]
    release = getattr(content, "catalog_release", None)  # the platform's number, once updated
    return f"v{release} {short}" if release is not None else short


def _diagnostics(devices: Any) -> dict[str, str]:
    if not hasattr(devices, "diagnostics"):
        return {}
    out = {}
    for diag in devices.diagnostics():
        name = str(diag.get("class") or diag.get("device") or "?")
        out[name] = json.dumps(diag, ensure_ascii=False, sort_keys=True, default=str)
    return out


def _outbox(services: StaffServices) -> tuple[tuple, tuple]:
    box = services.outbox
    if box is None:
        return (), ()
    counts = tuple(sorted(box.counts().items()))
    entries = tuple(OutboxLine(e.local_ref, e.kind, e.state, e.attempts, e.error_code or "")
                    for e in box.entries() if e.state != "accepted")
    return counts, entries[:20]


def staff_page(staff: str, devices: Any, content: Any, services: StaffServices,
               calls: int) -> StaffPage:
    """The staff screen's data now (redacted: driver diagnostics are already masked)."""
    statuses = devices.statuses()
    diags = _diagnostics(devices)
    lines = tuple(DeviceLine(name, s.state.value, s.media.value, s.detail, diags.get(name, ""))
                  for name, s in sorted(statuses.items()))
    counts, entries = _outbox(services)
    printer, locker = statuses.get("printer"), statuses.get("locker")
    return StaffPage(
        staff=staff, devices=lines, outbox_counts=counts, outbox_entries=entries,
        paper=printer.media.value if printer else "-",
        locker=locker.state.value if locker else "-",
        catalog_version=catalog_version(content), app_version=services.version,
        in_service=services.state.out_of_service is None, calls=calls)
