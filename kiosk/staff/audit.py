"""The staff audit log: one JSON line per staff action under var/, rotated by size, no residents' data."""
from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path
from typing import Any, Callable

from kiosk.privacy import mask_id

_LONG_DIGITS = re.compile(r"\d{6,}[\dXx]?")


def _scrub(value: Any) -> Any:
    """Only plain values; anything that looks like an ID number is masked."""
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    return _LONG_DIGITS.sub(lambda m: mask_id(m.group(0)), str(value))


class AuditLog:
    """Appends {"at", "staff", "action", ...} lines to path; keeps `backups` rotated files."""

    def __init__(self, path: Path | None, max_bytes: int = 1_000_000, backups: int = 5,
                 wall: Callable[[], float] = time.time) -> None:
        self.path = None if path is None else Path(path)
        self._memory: list[dict] = []  # path None: nowhere to write (staff mode not configured)
        self.max_bytes, self.backups, self.wall = max_bytes, backups, wall
        self._lock = threading.Lock()

    def record(self, staff: str, action: str, **fields: Any) -> dict:
        """Write one action by a staff number ("-" before login, "fleet" for remote commands)."""
        entry = {"at": round(self.wall(), 3), "staff": _scrub(staff), "action": action,
                 **{k: _scrub(v) for k, v in fields.items()}}
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock:
            if self.path is None:
                self._memory.append(entry)
                return entry
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and self.path.stat().st_size + len(line) > self.max_bytes:
                self._rotate()
            with self.path.open("a", encoding="utf-8") as f:
                f.write(line)
        return entry

    def _rotate(self) -> None:
        for i in range(self.backups - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{i}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{i + 1}"))
        self.path.replace(self.path.with_name(f"{self.path.name}.1"))

    def entries(self) -> list[dict]:
        """The current file's entries (for tests and the staff screen)."""
        if self.path is None:
            return list(self._memory)
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines()]
