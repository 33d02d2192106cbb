"""Basic Access Control (Doc 9303-11 §4.3): document keys from the MRZ and the mutual authentication."""
from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from drivers.card_reader.mrtd import crypto
from drivers.card_reader.mrtd.errors import MrtdError, bad_mac


@dataclass(frozen=True)
class SessionKeys:
    """Session keys and the initial send sequence counter after BAC."""

    ks_enc: bytes
    ks_mac: bytes
    ssc: bytes

    def __repr__(self) -> str:  # keys never go to logs
        return "SessionKeys(<redacted>)"


def key_seed(mrz_information: str) -> bytes:
    """Kseed: the first 16 bytes of SHA-1 over the MRZ information (doc no, birth, expiry + checks)."""
    return hashlib.sha1(mrz_information.encode("ascii")).digest()[:16]


def document_keys(mrz_information: str) -> tuple[bytes, bytes]:
    """(Kenc, Kmac) of the document basic access keys."""
    seed = key_seed(mrz_information)
    return crypto.derive_key(seed, 1), crypto.derive_key(seed, 2)


class BacHandshake:
    """The terminal's side of MUTUAL AUTHENTICATE for one RND.IC."""

    def __init__(self, kenc: bytes, kmac: bytes, rnd_ic: bytes,
                 rnd_ifd: bytes | None = None, k_ifd: bytes | None = None) -> None:
        if len(rnd_ic) != 8:
            raise MrtdError("bac_failed", "The chip gave a challenge of the wrong length.")
        self.kenc, self.kmac, self.rnd_ic = kenc, kmac, rnd_ic
        self.rnd_ifd = rnd_ifd if rnd_ifd is not None else os.urandom(8)
        self.k_ifd = k_ifd if k_ifd is not None else os.urandom(16)

    def command_data(self) -> bytes:
        """E.IFD || M.IFD for the MUTUAL AUTHENTICATE command."""
        e_ifd = crypto.des3_encrypt(self.kenc, self.rnd_ifd + self.rnd_ic + self.k_ifd)
        return e_ifd + crypto.retail_mac(self.kmac, crypto.pad(e_ifd))

    def complete(self, response: bytes) -> SessionKeys:
        """Check E.IC || M.IC and derive the session keys and SSC."""
        if len(response) != 40:
            raise MrtdError("bac_failed",
                            "The chip's authentication answer has the wrong length. Place the "
                            "document again.")
        e_ic, m_ic = response[:32], response[32:]
        if not hmac.compare_digest(crypto.retail_mac(self.kmac, crypto.pad(e_ic)), m_ic):
            raise bad_mac()
        r = crypto.des3_decrypt(self.kenc, e_ic)
        if r[:8] != self.rnd_ic or r[8:16] != self.rnd_ifd:
            raise MrtdError("bac_failed",
                            "The chip's authentication answer does not match our challenge. "
                            "Place the document again.")
        k_ic = r[16:32]
        seed = bytes(a ^ b for a, b in zip(self.k_ifd, k_ic))
        ssc = self.rnd_ic[4:8] + self.rnd_ifd[4:8]
        return SessionKeys(crypto.derive_key(seed, 1), crypto.derive_key(seed, 2), ssc)
