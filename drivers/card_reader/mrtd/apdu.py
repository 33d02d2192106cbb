"""ISO 7816-4 command APDUs used by the eMRTD read, and response splitting."""
from __future__ import annotations

from dataclasses import dataclass

from drivers.card_reader.mrtd.errors import MrtdError

EMRTD_AID = bytes.fromhex("A0000002471001")
EF_COM, EF_DG1, EF_DG2 = 0x011E, 0x0101, 0x0102

SW_OK = 0x9000


@dataclass(frozen=True)
class Command:
    """A short command APDU: header, optional data, optional Le (0 means 256)."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def to_bytes(self) -> bytes:
        """Encode as a short APDU (cases 1-4)."""
        if len(self.data) > 255 or (self.le is not None and not 0 <= self.le <= 256):
            raise ValueError("APDU field out of range")
        out = bytes([self.cla, self.ins, self.p1, self.p2])
        if self.data:
            out += bytes([len(self.data)]) + self.data
        if self.le is not None:
            out += bytes([self.le & 0xFF])
        return out


def split_response(resp: bytes) -> tuple[bytes, int]:
    """Split a response APDU into (data, SW1SW2)."""
    if len(resp) < 2:
        raise MrtdError("card_error", "The chip gave an answer too short to be valid.")
    return bytes(resp[:-2]), (resp[-2] << 8) | resp[-1]


def select_aid(aid: bytes = EMRTD_AID) -> Command:
    """SELECT the eMRTD application by AID, no response data."""
    return Command(0x00, 0xA4, 0x04, 0x0C, aid)


def select_ef(fid: int) -> Command:
    """SELECT an elementary file by identifier, no response data."""
    return Command(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big"))


def get_challenge() -> Command:
    """GET CHALLENGE for 8 bytes (RND.IC)."""
    return Command(0x00, 0x84, 0x00, 0x00, le=8)


def mutual_authenticate(data: bytes) -> Command:
    """MUTUAL AUTHENTICATE (INS 82) with E.IFD || M.IFD, expecting 40 bytes."""
    return Command(0x00, 0x82, 0x00, 0x00, data, le=40)


def read_binary(offset: int, length: int) -> Command:
    """READ BINARY of the current EF at offset (15-bit offsets only)."""
    if not 0 <= offset <= 0x7FFF:
        raise MrtdError("file_too_large", "A file on the chip is larger than this reader supports.",)
    return Command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=length)
