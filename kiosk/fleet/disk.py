"""Low disk space detection, before it breaks document capture or the outbox."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

OK, LOW, CRITICAL = "ok", "low", "critical"
MB = 1024 * 1024


@dataclass(frozen=True)
class DiskHealth:
    """Free space on the volume holding var/, judged against two thresholds."""

    path: str
    free_bytes: int
    total_bytes: int
    level: str  # ok | low (warn the operators) | critical (stop taking captures)

    @property
    def free_mb(self) -> int:
        """Free space in whole MiB (the telemetry value)."""
        return self.free_bytes // MB

    @property
    def ok(self) -> bool:
        """True when nothing needs doing."""
        return self.level == OK

    def message(self) -> str:
        """One line for logs, telemetry and the staff screen."""
        return (f"disk {self.level}: {self.free_mb} MiB free of {self.total_bytes // MB} MiB "
                f"on {self.path}")


def check_disk(path: Path, low_bytes: int = 2048 * MB, critical_bytes: int = 512 * MB) -> DiskHealth:
    """shutil.disk_usage of the volume holding `path` against the low and critical thresholds."""
    if critical_bytes > low_bytes:
        raise ValueError(f"critical threshold {critical_bytes} is above the low one {low_bytes}")
    usage = shutil.disk_usage(path)
    level = CRITICAL if usage.free < critical_bytes else LOW if usage.free < low_bytes else OK
    return DiskHealth(str(path), usage.free, usage.total, level)


def report_disk(health: DiskHealth, telemetry) -> None:
    """Put the free space into telemetry; a low or critical disk also becomes the last error."""
    telemetry.set("disk_free", health.free_mb)
    if not health.ok:
        telemetry.set("last_error", health.message())
