"""The simulated chip: eMRTD application, BAC, secure messaging, and scripted faults."""
from __future__ import annotations

import functools
import hmac
import os
from dataclasses import dataclass, field

from drivers.card_reader.mrtd import crypto, tlv
from drivers.card_reader.mrtd.apdu import EF_COM, EF_DG1, EF_DG2, EMRTD_AID
from drivers.card_reader.mrtd.bac import document_keys
from drivers.card_reader.mrtd.errors import TlvError
from drivers.card_reader.mrtd.mrz import bac_information_from
from drivers.card_reader.mrtd.sm import next_ssc
from drivers.card_reader.sim.vicc.holder import (Holder, dg1, dg2, dg2_unwalkable, ef_com,
                                                 face_jpeg)

# PC/SC part 3 style ATR of an ISO 14443-4 card: 3B 88 80 01, 8 historical bytes, TCK
_HIST = b"OTKeMRTD"
_BODY = bytes([0x88, 0x80, 0x01]) + _HIST
ATR = b"\x3b" + _BODY + bytes([functools.reduce(lambda a, b: a ^ b, _BODY)])

SW = {"ok": b"\x90\x00", "not_found": b"\x6a\x82", "security": b"\x69\x82",
      "auth_failed": b"\x63\x00", "sm_missing": b"\x69\x87", "sm_wrong": b"\x69\x88",
      "ins": b"\x6d\x00", "params": b"\x6b\x00", "length": b"\x67\x00", "no_ef": b"\x69\x86"}


class CardPulled(Exception):
    """Raised by the card to make the transport drop the connection (the card left the field)."""


@dataclass
class Faults:
    """Scripted faults: pull the card after N DG2 reads, corrupt a MAC, answer 6988, DG2 state."""

    pull_after_reads: int | None = None
    bad_mac: bool = False
    sm_error: bool = False
    dg2: str = "good"  # good | broken (unparseable) | absent (not on the chip) | denied (6982)


@dataclass
class EmrtdCard:
    """State of one chip between power-ups."""

    holder: Holder = field(default_factory=Holder)
    faults: Faults = field(default_factory=Faults)

    def __post_init__(self) -> None:
        self.files = {EF_COM: ef_com(), EF_DG1: dg1(self.holder), EF_DG2: dg2(face_jpeg())}
        if self.faults.dg2 == "broken":
            self.files[EF_DG2] = dg2_unwalkable(face_jpeg())
        elif self.faults.dg2 == "absent":  # an older document: only DG1 listed and present
            self.files = {EF_COM: ef_com(bytes([0x61])), EF_DG1: self.files[EF_DG1]}
        self.kenc, self.kmac = document_keys(bac_information_from(self.holder.mrz_lines()[1]))
        self.dg2_reads = 0
        self.reset()

    def reset(self) -> None:
        """Power-on state: nothing selected, no session."""
        self.app_selected = False
        self.rnd_ic: bytes | None = None
        self.session: tuple[bytes, bytes] | None = None
        self.ssc = bytes(8)
        self.current: int | None = None

    # --- plain APDUs ----------------------------------------------------------------------
    def process(self, apdu: bytes) -> bytes:
        """Answer one command APDU."""
        if len(apdu) < 4:
            return SW["length"]
        if apdu[0] & 0x0C == 0x0C:
            return self._process_sm(apdu)
        ins = apdu[1]
        data = apdu[5:5 + apdu[4]] if len(apdu) > 5 else b""
        if ins == 0xA4 and apdu[2] == 0x04:
            self.app_selected = data == EMRTD_AID
            self.session = None
            return SW["ok"] if self.app_selected else SW["not_found"]
        if not self.app_selected:
            return SW["not_found"]
        if ins == 0x84:
            self.rnd_ic = os.urandom(8)
            return self.rnd_ic + SW["ok"]
        if ins == 0x82:
            return self._mutual_authenticate(data)
        if self.session is not None:
            self.session = None  # a plain command ends secure messaging, as real chips do
            return SW["sm_missing"]
        return SW["security"] if ins in (0xA4, 0xB0) else SW["ins"]

    def _mutual_authenticate(self, data: bytes) -> bytes:
        if self.rnd_ic is None or len(data) != 40:
            return SW["security"]
        e_ifd, m_ifd = data[:32], data[32:]
        if not hmac.compare_digest(crypto.retail_mac(self.kmac, crypto.pad(e_ifd)), m_ifd):
            self.rnd_ic = None
            return SW["auth_failed"]
        s = crypto.des3_decrypt(self.kenc, e_ifd)
        rnd_ifd, rnd_ic, k_ifd = s[:8], s[8:16], s[16:]
        if rnd_ic != self.rnd_ic:
            return SW["auth_failed"]
        k_ic = os.urandom(16)
        e_ic = crypto.des3_encrypt(self.kenc, self.rnd_ic + rnd_ifd + k_ic)
        seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic))
        self.session = (crypto.derive_key(seed, 1), crypto.derive_key(seed, 2))
        self.ssc = self.rnd_ic[4:] + rnd_ifd[4:]
        self.rnd_ic = None
        return e_ic + crypto.retail_mac(self.kmac, crypto.pad(e_ic)) + SW["ok"]

    # --- secure messaging ------------------------------------------------------------------
    def _process_sm(self, apdu: bytes) -> bytes:
        if self.session is None:
            return SW["security"]
        enc, mac = self.session
        self.ssc = next_ssc(self.ssc)
        if len(apdu) < 6 or apdu[4] != len(apdu) - 6:
            self.session = None
            return SW["sm_wrong"]
        try:
            objs = dict(tlv.iter_tlv(apdu[5:-1]))
        except TlvError:
            self.session = None
            return SW["sm_wrong"]
        if 0x8E not in objs:
            self.session = None
            return SW["sm_missing"]
        signed = b"".join(tlv.encode(t, objs[t]) for t in (0x87, 0x97) if t in objs)
        expected = crypto.retail_mac(mac, crypto.pad(self.ssc + crypto.pad(apdu[:4]) + signed))
        if not hmac.compare_digest(expected, objs[0x8E]):
            self.session = None
            return SW["sm_wrong"]
        data = b""
        if 0x87 in objs:
            data = crypto.unpad(crypto.des3_decrypt(enc, objs[0x87][1:])) or b""
        le = objs.get(0x97, b"\x00")[0] or 256
        body, status = self._command(apdu[1], apdu[2], apdu[3], data, le)
        if self.faults.sm_error and self.current == EF_DG1 and apdu[1] == 0xB0:
            return SW["sm_wrong"]
        return self._wrap(body, status)

    def _wrap(self, body: bytes, status: bytes) -> bytes:
        enc, mac = self.session  # type: ignore[misc]
        self.ssc = next_ssc(self.ssc)
        do87 = tlv.encode(0x87, b"\x01" + crypto.des3_encrypt(enc, crypto.pad(body))) if body else b""
        do99 = tlv.encode(0x99, status)
        cc = bytearray(crypto.retail_mac(mac, crypto.pad(self.ssc + do87 + do99)))
        if self.faults.bad_mac and self.current == EF_DG1 and body:
            cc[0] ^= 0x5A
        return do87 + do99 + tlv.encode(0x8E, bytes(cc)) + SW["ok"]

    def _command(self, ins: int, p1: int, p2: int, data: bytes, le: int) -> tuple[bytes, bytes]:
        if ins == 0xA4 and p1 == 0x02:
            fid = int.from_bytes(data, "big") if len(data) == 2 else -1
            if fid == EF_DG2 and self.faults.dg2 == "denied":
                return b"", SW["security"]  # access conditions not satisfied (e.g. EAC only)
            if fid not in self.files:
                return b"", SW["not_found"]
            self.current = fid
            return b"", SW["ok"]
        if ins == 0xB0:
            if self.current is None:
                return b"", SW["no_ef"]
            offset = (p1 << 8) | p2
            content = self.files[self.current]
            if offset >= len(content):
                return b"", SW["params"]
            if self.current == EF_DG2:
                self.dg2_reads += 1
                limit = self.faults.pull_after_reads
                if limit is not None and self.dg2_reads > limit:
                    raise CardPulled()
            return content[offset:offset + le], SW["ok"]
        return b"", SW["ins"]
