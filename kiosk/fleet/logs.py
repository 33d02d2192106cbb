"""Log files that rotate with a size cap, so logs can never fill the disk."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path, max_bytes: int = 5_000_000, backups: int = 4,
                  level: int = logging.INFO, logger: logging.Logger | None = None
                  ) -> logging.handlers.RotatingFileHandler:
    """Log to log_dir/kiosk.log, rotated at max_bytes with `backups` old files (cap: both multiplied).

    Calling it again replaces the earlier handler instead of adding a second one.
    """
    if max_bytes < 1024 or backups < 1:
        raise ValueError(f"log rotation needs max_bytes >= 1024 and backups >= 1 "
                         f"(got {max_bytes}, {backups})")
    log_dir = Path(log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    target = logger or logging.getLogger()
    for old in [h for h in target.handlers if getattr(h, "_onetrip_rotating", False)]:
        target.removeHandler(old)
        old.close()
    handler = logging.handlers.RotatingFileHandler(log_dir / "kiosk.log", maxBytes=max_bytes,
                                                   backupCount=backups, encoding="utf-8")
    handler._onetrip_rotating = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    target.addHandler(handler)
    if target.level == logging.NOTSET or target.level > level:
        target.setLevel(level)
    return handler


def log_cap_bytes(max_bytes: int, backups: int) -> int:
    """The most disk the rotated logs can take."""
    return max_bytes * (backups + 1)
