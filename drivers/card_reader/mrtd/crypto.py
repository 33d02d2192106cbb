"""3DES primitives for BAC: key derivation, CBC with zero IV, ISO 9797-1 padding and retail MAC."""
from __future__ import annotations

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

ZERO_IV = bytes(8)


def adjust_parity(key: bytes) -> bytes:
    """Set the DES odd-parity bit (bit 0) of every key byte."""
    out = bytearray()
    for b in key:
        hi = b & 0xFE
        out.append(hi | (0 if bin(hi).count("1") % 2 else 1))
    return bytes(out)


def derive_key(seed: bytes, counter: int) -> bytes:
    """Doc 9303-11 9.7.1: 16-byte 3DES key from SHA-1(seed || counter); 1 = ENC, 2 = MAC."""
    digest = hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()
    return adjust_parity(digest[:16])


def _des3(key16: bytes) -> TripleDES:
    return TripleDES(key16 + key16[:8])


def des3_encrypt(key16: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    """Two-key 3DES in CBC mode; data must be a multiple of 8 bytes."""
    enc = Cipher(_des3(key16), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def des3_decrypt(key16: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    """Inverse of des3_encrypt."""
    dec = Cipher(_des3(key16), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def pad(data: bytes) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros to a multiple of 8."""
    data = data + b"\x80"
    return data + bytes(-len(data) % 8)


def unpad(data: bytes) -> bytes | None:
    """Remove method-2 padding; None when the padding is malformed."""
    stripped = data.rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80 or len(data) - len(stripped) >= 8:
        return None
    return stripped[:-1]


def retail_mac(key16: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 (DES CBC with Ka, final 3DES with Kb); data already padded."""
    ka, kb = key16[:8], key16[8:16]
    single = Cipher(TripleDES(ka * 3), modes.CBC(ZERO_IV)).encryptor()
    chained = (single.update(data) + single.finalize())[-8:]
    dec = Cipher(TripleDES(kb * 3), modes.ECB()).decryptor()
    step = dec.update(chained) + dec.finalize()
    enc = Cipher(TripleDES(ka * 3), modes.ECB()).encryptor()
    return enc.update(step) + enc.finalize()
