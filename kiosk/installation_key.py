"""The installation secret (signs and checks the kiosk's own QR codes); never in the repository."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_BYTES = 32


def installation_key(path: Path) -> bytes:
    """Read the key at path, creating a random one (mode 0600) on the first start."""
    try:
        key = path.read_bytes()
        if len(key) >= 16:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key
