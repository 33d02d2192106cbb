"""3DES secure messaging (Doc 9303-11 §9.8): protect commands, verify and decrypt responses."""
from __future__ import annotations

import hmac

from drivers.card_reader.mrtd import crypto, tlv
from drivers.card_reader.mrtd.apdu import Command
from drivers.card_reader.mrtd.bac import SessionKeys
from drivers.card_reader.mrtd.errors import (TlvError, bad_mac, card_status, sm_malformed,
                                             sm_status)


def next_ssc(ssc: bytes) -> bytes:
    """SSC + 1 modulo 2^64."""
    return ((int.from_bytes(ssc, "big") + 1) % (1 << 64)).to_bytes(8, "big")


def build_do97(le: int) -> bytes:
    """DO'97' carrying Le (one byte, 00 for 256)."""
    return b"\x97\x01" + bytes([le & 0xFF])


class SecureMessaging:
    """One BAC session: wraps command APDUs and unwraps responses, advancing the SSC."""

    def __init__(self, keys: SessionKeys) -> None:
        self._enc, self._mac, self.ssc = keys.ks_enc, keys.ks_mac, keys.ssc

    def __repr__(self) -> str:
        return "SecureMessaging(<redacted>)"

    def _mac_of(self, body: bytes) -> bytes:
        return crypto.retail_mac(self._mac, crypto.pad(self.ssc + body))

    def protect(self, cmd: Command) -> bytes:
        """The protected APDU for cmd (CLA with SM bits, DO87/DO97/DO8E, Le 00)."""
        self.ssc = next_ssc(self.ssc)
        header = bytes([cmd.cla | 0x0C, cmd.ins, cmd.p1, cmd.p2])
        do87 = b""
        if cmd.data:
            cipher = crypto.des3_encrypt(self._enc, crypto.pad(cmd.data))
            do87 = tlv.encode(0x87, b"\x01" + cipher)
        do97 = build_do97(cmd.le) if cmd.le is not None else b""
        mac = self._mac_of(crypto.pad(header) + do87 + do97)
        body = do87 + do97 + tlv.encode(0x8E, mac)
        return header + bytes([len(body)]) + body + b"\x00"

    def unprotect(self, resp: bytes) -> tuple[bytes, int]:
        """Verify a protected response; return (plain data, SW). Plain SM errors raise."""
        self.ssc = next_ssc(self.ssc)
        if len(resp) < 2:
            raise sm_malformed("too short")
        body, sw = bytes(resp[:-2]), (resp[-2] << 8) | resp[-1]
        if not body:
            if sw in (0x6987, 0x6988):
                raise sm_status(sw)
            return b"", sw  # an unprotected error status, e.g. 6A82 file not found
        try:
            objects = list(tlv.iter_tlv(body))
        except TlvError as exc:
            raise sm_malformed("bad data objects") from exc
        found = dict((tag, value) for tag, value in objects)
        do87, do99, do8e = found.get(0x87), found.get(0x99), found.get(0x8E)
        if do99 is None or do8e is None or len(do99) != 2:
            raise sm_malformed("status or checksum missing")
        signed = b""
        if do87 is not None:
            signed += tlv.encode(0x87, do87)
        signed += tlv.encode(0x99, do99)
        if not hmac.compare_digest(self._mac_of(signed), do8e):
            raise bad_mac()
        inner_sw = int.from_bytes(do99, "big")
        data = b""
        if do87 is not None:
            if len(do87) < 9 or do87[0] != 0x01 or (len(do87) - 1) % 8:
                raise sm_malformed("encrypted data has the wrong size")
            plain = crypto.unpad(crypto.des3_decrypt(self._enc, do87[1:]))
            if plain is None:
                raise sm_malformed("padding")
            data = plain
        if inner_sw in (0x6987, 0x6988):
            raise sm_status(inner_sw)
        return data, inner_sw


def check_ok(sw: int, what: str) -> None:
    """Raise card_error unless sw is 9000."""
    if sw != 0x9000:
        raise card_status(what, sw)
