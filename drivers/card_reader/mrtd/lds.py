"""Logical Data Structure parsing: EF.COM, DG1 (the MRZ) and DG2 (the face image)."""
from __future__ import annotations

from dataclasses import dataclass

from drivers.card_reader.mrtd import tlv
from drivers.card_reader.mrtd.errors import MrzError, TlvError
from drivers.card_reader.mrtd.mrz import MrzData, parse_mrz

JPEG_SOI = b"\xff\xd8\xff"
JP2_SIGNATURE = bytes.fromhex("0000000C6A5020200D0A870A")
J2K_CODESTREAM = b"\xff\x4f\xff\x51"


@dataclass(frozen=True)
class EfCom:
    """EF.COM: LDS and Unicode versions and the data groups present."""

    lds_version: str
    unicode_version: str
    tags: tuple[int, ...]


@dataclass(frozen=True)
class FaceImage:
    """The face image from DG2: opaque bytes in JPEG or JPEG 2000."""

    data: bytes
    format: str  # "jpeg" | "jpeg2000"

    def __repr__(self) -> str:
        return f"FaceImage({self.format}, {len(self.data)} bytes)"


def parse_ef_com(data: bytes) -> EfCom:
    """Parse EF.COM (tag 60)."""
    inner = tlv.find(data, 0x60)
    fields = tlv.to_dict(inner)
    tags = tuple(fields.get(0x5C, b""))
    return EfCom(fields.get(0x5F01, b"").decode("ascii", "replace"),
                 fields.get(0x5F36, b"").decode("ascii", "replace"), tags)


def parse_dg1(data: bytes) -> MrzData:
    """Parse DG1 (tag 61 / 5F1F) into MRZ fields."""
    raw = tlv.find(data, 0x61, 0x5F1F)
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        raise MrzError("DG1 is not ASCII") from None
    widths = {90: 30, 72: 36, 88: 44}
    width = widths.get(len(text))
    if width is None:
        raise MrzError("DG1 has an unexpected length")
    return parse_mrz("\n".join(text[i:i + width] for i in range(0, len(text), width)))


def _image_format(blob: bytes) -> str | None:
    if blob.startswith(JPEG_SOI):
        return "jpeg"
    if blob.startswith(JP2_SIGNATURE) or blob.startswith(J2K_CODESTREAM):
        return "jpeg2000"
    return None


def _iso19794_5_image(block: bytes) -> bytes:
    """Skip the ISO/IEC 19794-5 headers of a facial record and return the image data."""
    if len(block) < 14 or not block.startswith(b"FAC\x00"):
        raise TlvError("face record header missing")
    pos = 14  # format id 4, version 4, record length 4, number of faces 2
    if len(block) < pos + 20:
        raise TlvError("face information truncated")
    features = int.from_bytes(block[pos + 4:pos + 6], "big")
    pos += 20 + 8 * features + 12  # face info, feature points, image info
    if pos > len(block):
        raise TlvError("face image truncated")
    return block[pos:]


def parse_dg2(data: bytes) -> FaceImage:
    """Find the first face image in DG2 (75 / 7F61 / 7F60 / 5F2E or 7F2E)."""
    group = tlv.find(data, 0x75, 0x7F61)
    template = tlv.find(group, 0x7F60)
    fields = tlv.to_dict(template)
    block = fields.get(0x5F2E, fields.get(0x7F2E))
    if block is None:
        raise TlvError("biometric data block missing")
    image = _iso19794_5_image(block)
    fmt = _image_format(image)
    if fmt is None:
        raise TlvError("face image is neither JPEG nor JPEG 2000")
    return FaceImage(image, fmt)
