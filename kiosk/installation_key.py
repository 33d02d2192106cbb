"""The installation secret (signs and checks the kiosk's own QR codes); never in the repository."""
from __future__ import annotations

import logging
import os
import secrets
import stat
from pathlib import Path

log = logging.getLogger(__name__)

KEY_BYTES = 32
MIN_DISTINCT_BYTES = 12  # 32 random bytes have ~30 distinct values; 16 zero bytes have one


class KeyFileError(RuntimeError):
    """The key file cannot be trusted and must not be replaced silently (a symlink, not ours)."""


def _plausible(key: bytes) -> bool:
    """Right length and not obviously non-random (all zeros, a repeated byte, a short pattern)."""
    return len(key) == KEY_BYTES and len(set(key)) >= MIN_DISTINCT_BYTES


def _write_new(path: Path) -> bytes:
    """Create a fresh random key atomically: a private temporary file renamed over the old one."""
    key = secrets.token_bytes(KEY_BYTES)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return key


def installation_key(path: Path) -> bytes:
    """Read the key at path, creating a random one (mode 0600) on the first start.

    A symlink or a file owned by someone else is refused (KeyFileError); a key readable by others
    is made private again (and logged); a damaged key (wrong length, not random) is replaced.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return _write_new(path)
    if stat.S_ISLNK(st.st_mode):
        raise KeyFileError(f"{path}: is a symbolic link; the key must be a plain file "
                           "(remove the link; a new key is then created)")
    if not stat.S_ISREG(st.st_mode):
        raise KeyFileError(f"{path}: is not a plain file")
    if st.st_uid != os.geteuid():
        raise KeyFileError(f"{path}: belongs to user {st.st_uid}, not to this kiosk's user "
                           f"{os.geteuid()}")
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as fh:
        key = fh.read(KEY_BYTES + 1)
    if not _plausible(key):
        log.warning("%s: damaged installation key (%d bytes); a new key is created", path, len(key))
        return _write_new(path)
    if st.st_mode & 0o077:
        log.warning("%s: key was readable by others (mode %04o); made private", path,
                    st.st_mode & 0o777)
        os.chmod(path, 0o600)
    return key
