"""Reading the kiosk's platform secret file (written 0600 by `kiosk-platform add-kiosk` output)."""
from __future__ import annotations

from pathlib import Path


class SecretFileError(ValueError):
    """The secret file is missing, unreadable or empty."""


def read_secret(path: Path | str) -> bytes:
    """The secret as the HMAC key: the file's text without surrounding whitespace, UTF-8."""
    path = Path(path)
    from kiosk.fileio import FileReadError, read_text
    try:
        text = read_text(path, max_bytes=4096).strip()
    except FileReadError as exc:
        raise SecretFileError(f"{path}: the platform secret file {exc.reason}") from None
    if not text:
        raise SecretFileError(f"{path}: the platform secret file is empty")
    return text.encode("utf-8")
