"""Payload encryption at rest: AES-256-GCM under a key file beside the installation key."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.outbox.errors import OutboxKeyError

KEY_BYTES = 32
NONCE_BYTES = 12


def read_key(path: Path) -> bytes | None:
    """The key at path, None when absent; OutboxKeyError when it is not a 32-byte key."""
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutboxKeyError(path, f"cannot read the outbox key ({exc.strerror})") from None
    if len(key) != KEY_BYTES:
        raise OutboxKeyError(path, f"the outbox key must be {KEY_BYTES} bytes, found {len(key)}; "
                                   "restore the original key file (it is never replaced automatically)")
    return key


def create_key(path: Path) -> bytes:
    """Create a new random key file, mode 0600; refuses to overwrite an existing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
        fh.flush()
        os.fsync(fh.fileno())
    return key


class Sealer:
    """Encrypts and decrypts payloads, binding each to its row (associated data)."""

    def __init__(self, key: bytes, key_path: Path) -> None:
        self._aead, self.key_path = AESGCM(key), key_path

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        """nonce || ciphertext+tag."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, blob: bytes, aad: bytes) -> bytes:
        """Decrypt; OutboxKeyError when the key does not fit or the data was altered."""
        try:
            return self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
        except (InvalidTag, ValueError):
            raise OutboxKeyError(self.key_path, "this key does not decrypt the outbox data "
                                                "(wrong key file, or the data was altered)") from None
