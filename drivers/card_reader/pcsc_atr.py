"""ATR parsing (ISO 7816-3) and card identification for contactless readers (PC/SC part 3)."""
from __future__ import annotations

from dataclasses import dataclass

ICAO_EMRTD = "icao_emrtd"
CONTACTLESS_ISO14443_4 = "iso14443_4_contactless"
CONTACTLESS_STORAGE = "iso14443_3_storage"
CONTACT_ISO7816 = "iso7816_contact"
UNKNOWN = "unknown"

_STORAGE_PREFIX = bytes.fromhex("804F0CA0000003 06".replace(" ", ""))


@dataclass(frozen=True)
class Atr:
    """The parts of an ATR that matter for identification."""

    raw: bytes
    protocols: tuple[int, ...]
    historical: bytes


def parse_atr(raw: bytes) -> Atr | None:
    """Parse an ATR; None when it is malformed (wrong TS, truncated, bad TCK)."""
    raw = bytes(raw)
    if len(raw) < 2 or raw[0] not in (0x3B, 0x3F):
        return None
    y, k, pos = raw[1] >> 4, raw[1] & 0x0F, 2
    protocols: list[int] = []
    while y:
        for bit in (1, 2, 4):
            if y & bit:
                pos += 1
        if y & 8:
            if pos >= len(raw):
                return None
            td = raw[pos]
            pos += 1
            protocols.append(td & 0x0F)
            y = td >> 4
        else:
            y = 0
    if pos + k > len(raw):
        return None
    hist = raw[pos:pos + k]
    pos += k
    needs_tck = any(p != 0 for p in protocols)
    if needs_tck:
        if pos >= len(raw):
            return None
        tck = 0
        for b in raw[1:pos + 1]:
            tck ^= b
        if tck:
            return None
        pos += 1
    if pos != len(raw):
        return None
    return Atr(raw, tuple(protocols) or (0,), hist)


def classify_atr(raw: bytes) -> str:
    """What kind of card the ATR says this is (an eMRTD is confirmed by SELECT, not by ATR)."""
    atr = parse_atr(raw)
    if atr is None:
        return UNKNOWN
    # PC/SC part 3: contactless cards get T0=8x, TD1=80 (T=0 ind.), TD2=01 (T=1)
    if len(raw) >= 4 and raw[1] & 0xF0 == 0x80 and raw[2] == 0x80 and raw[3] == 0x01:
        if atr.historical.startswith(_STORAGE_PREFIX):
            return CONTACTLESS_STORAGE
        return CONTACTLESS_ISO14443_4
    return CONTACT_ISO7816
