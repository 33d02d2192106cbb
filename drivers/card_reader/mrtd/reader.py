"""The eMRTD read sequence over any APDU transport: SELECT, BAC, then EF.COM, DG1 and DG2 under SM."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from drivers.card_reader.mrtd import apdu, tlv
from drivers.card_reader.mrtd.bac import BacHandshake, document_keys
from drivers.card_reader.mrtd.errors import MrtdError, TlvError, bac_denied, card_status, not_emrtd
from drivers.card_reader.mrtd.lds import EfCom, FaceImage, parse_dg1, parse_dg2, parse_ef_com
from drivers.card_reader.mrtd.mrz import MrzData
from drivers.card_reader.mrtd.sm import SecureMessaging, check_ok

log = logging.getLogger(__name__)

CHUNK = 0xDF  # largest READ BINARY whose protected response still fits in 256 bytes
MAX_FILE = 0x8000 + CHUNK  # 15-bit offsets: larger files need odd-INS READ BINARY
# Status words with which chips refuse MUTUAL AUTHENTICATE for wrong keys.
BAC_REFUSED = {0x6300, 0x6982, 0x6985, 0x6A80, 0x6700} | {0x63C0 | n for n in range(16)}

Transmit = Callable[[bytes], bytes]


@dataclass(frozen=True)
class MrtdResult:
    """What a BAC read produced (personal data: never log it)."""

    com: EfCom
    mrz: MrzData
    face: FaceImage | None
    apdus: int
    missing: tuple[tuple[str, str], ...] = ()  # optional files not read: (name, reason code)

    def __repr__(self) -> str:
        return f"MrtdResult({self.mrz!r}, face={self.face!r}, apdus={self.apdus})"


class MrtdSession:
    """Runs the read sequence; `transmit` sends one APDU and returns the response bytes."""

    def __init__(self, transmit: Transmit, check: Callable[[], None] = lambda: None) -> None:
        self._transmit = transmit
        self._check = check
        self.apdus = 0
        self._sm: SecureMessaging | None = None

    def _send(self, raw: bytes) -> tuple[bytes, int]:
        self._check()
        self.apdus += 1
        return apdu.split_response(bytes(self._transmit(raw)))

    def _send_sm(self, cmd: apdu.Command) -> tuple[bytes, int]:
        assert self._sm is not None
        self._check()
        self.apdus += 1
        return self._sm.unprotect(bytes(self._transmit(self._sm.protect(cmd))))

    def select_application(self) -> None:
        """SELECT the eMRTD application."""
        _, sw = self._send(apdu.select_aid().to_bytes())
        if sw != apdu.SW_OK:
            raise not_emrtd(sw)

    def authenticate(self, mrz_information: str) -> None:
        """Run BAC with keys from the MRZ information and switch to secure messaging."""
        kenc, kmac = document_keys(mrz_information)
        rnd_ic, sw = self._send(apdu.get_challenge().to_bytes())
        if sw != apdu.SW_OK:
            raise card_status("give an authentication challenge", sw)
        handshake = BacHandshake(kenc, kmac, rnd_ic)
        resp, sw = self._send(apdu.mutual_authenticate(handshake.command_data()).to_bytes())
        if sw in BAC_REFUSED:
            log.info("BAC refused by the chip (status %04X)", sw)
            raise bac_denied(sw)
        if sw != apdu.SW_OK:
            raise card_status("authenticate", sw)
        self._sm = SecureMessaging(handshake.complete(resp))

    def read_file(self, fid: int, limit: int = MAX_FILE) -> bytes:
        """SELECT an EF under SM and read it whole, sized by its outer TLV header."""
        _, sw = self._send_sm(apdu.select_ef(fid))
        check_ok(sw, f"open file {fid:04X}")
        head = self._read(0, 4)
        try:
            _, length, start = tlv.read_header(head)
        except TlvError:
            head += self._read(len(head), 4)  # 3-byte length forms need a few more bytes
            _, length, start = tlv.read_header(head)
        total = start + length
        if total > limit:
            raise MrtdError("file_too_large",
                            "A file on the chip is larger than this reader supports.")
        data = bytearray(head[:total])
        while len(data) < total:
            data += self._read(len(data), min(CHUNK, total - len(data)))
        return bytes(data)

    def _read(self, offset: int, length: int) -> bytes:
        chunk, sw = self._send_sm(apdu.read_binary(offset, length))
        if sw not in (apdu.SW_OK, 0x6282) or not chunk:
            raise card_status("give the file contents", sw)
        return chunk[:length]


def read_document(transmit: Transmit, mrz_information: str, check: Callable[[], None] = lambda: None,
                  with_face: bool = True) -> MrtdResult:
    """SELECT, BAC, then EF.COM, DG1 and (if listed) DG2; raises only MrtdError (HalError)."""
    session = MrtdSession(transmit, check)
    session.select_application()
    session.authenticate(mrz_information)
    com = parse_ef_com(session.read_file(apdu.EF_COM))
    mrz = parse_dg1(session.read_file(apdu.EF_DG1))
    face, missing = None, ()
    if with_face and 0x75 in com.tags:
        face, missing = _optional_face(session)
    elif with_face:
        missing = (("face", "not_on_chip"),)
    return MrtdResult(com, mrz, face, session.apdus, missing)


# Failures that end the whole read even for an optional file: the document left the reader, or
# the chip's answers could not be authenticated (possible tampering).
FATAL_CODES = {"card_removed", "sm_bad_mac", "reader_lost", "cancelled", "timeout"}


def _optional_face(session: MrtdSession) -> tuple[FaceImage | None, tuple[tuple[str, str], ...]]:
    """DG2 is needed only for face matching: a face that cannot be read is reported, not fatal."""
    try:
        return parse_dg2(session.read_file(apdu.EF_DG2)), ()
    except MrtdError as exc:
        if exc.code in FATAL_CODES:
            raise
        log.info("DG2 (face) not read: %s", exc.code)
        return None, (("face", exc.code),)
    except (ValueError, IndexError) as exc:  # a face record the parser cannot walk
        log.info("DG2 (face) not parsed: %s", type(exc).__name__)
        return None, (("face", "malformed_data"),)
