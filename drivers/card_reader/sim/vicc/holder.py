"""The fictitious document holder and the LDS files (EF.COM, DG1, DG2) the simulated chip serves."""
from __future__ import annotations

import io
from dataclasses import dataclass

from drivers.card_reader.mrtd import tlv
from drivers.card_reader.mrtd.mrz import check_digit


@dataclass(frozen=True)
class Holder:
    """A fictitious person and document; nothing here belongs to anyone real."""

    surname: str = "ZHANG"
    given_names: str = "SAN"
    document_number: str = "EZ0000014"
    nationality: str = "CHN"
    issuing_state: str = "CHN"
    birth: str = "900101"
    sex: str = "M"
    expiry: str = "350101"

    def mrz_lines(self) -> tuple[str, str]:
        """TD3 line 1 and line 2 with correct check digits."""
        name = (self.surname + "<<" + self.given_names.replace(" ", "<"))
        line1 = ("P<" + self.issuing_state + name).ljust(44, "<")[:44]
        doc = self.document_number.ljust(9, "<")
        personal = "<" * 14
        head = doc + check_digit(doc) + self.nationality + self.birth + check_digit(self.birth)
        tail = self.sex + self.expiry + check_digit(self.expiry) + personal + check_digit(personal)
        composite = doc + check_digit(doc) + self.birth + check_digit(self.birth) + \
            self.expiry + check_digit(self.expiry) + personal + check_digit(personal)
        line2 = head + tail + check_digit(composite)
        return line1, line2


def face_jpeg(width: int = 120, height: int = 160) -> bytes:
    """A small synthetic portrait as JPEG (an oval on grey), made with Pillow."""
    from PIL import Image, ImageDraw
    img = Image.new("L", (width, height), 200)
    draw = ImageDraw.Draw(img)
    draw.ellipse((width // 5, height // 8, width * 4 // 5, height * 4 // 5), fill=150)
    for x in range(0, width, 7):  # some texture, so the file spans many READ BINARYs
        draw.line((x, 0, width - x, height), fill=(x * 5) % 256)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def ef_com(tags: bytes = bytes([0x61, 0x75])) -> bytes:
    """EF.COM listing DG1 and DG2 by default (LDS 1.7, Unicode 4.0.0)."""
    body = tlv.encode(0x5F01, b"0107") + tlv.encode(0x5F36, b"040000") + tlv.encode(0x5C, tags)
    return tlv.encode(0x60, body)


def dg1(holder: Holder) -> bytes:
    """DG1 holding the TD3 MRZ."""
    return tlv.encode(0x61, tlv.encode(0x5F1F, "".join(holder.mrz_lines()).encode("ascii")))


def dg2(image: bytes) -> bytes:
    """DG2 with one biometric template whose data block is an ISO/IEC 19794-5 face record."""
    face_info = bytes(4) + bytes(2) + bytes(14)  # block length, no feature points, rest zero
    image_info = bytes([1, 0]) + (120).to_bytes(2, "big") + (160).to_bytes(2, "big") + bytes(6)
    record_len = 14 + len(face_info) + len(image_info) + len(image)
    record = b"FAC\x00" + b"010\x00" + record_len.to_bytes(4, "big") + (1).to_bytes(2, "big") + \
        face_info + image_info + image
    header = tlv.encode(0xA1, tlv.encode(0x80, b"\x01\x01") + tlv.encode(0x87, b"\x01\x01"))
    template = tlv.encode(0x7F60, header + tlv.encode(0x5F2E, record))
    return tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x02, b"\x01") + template))


def dg2_unwalkable(image: bytes) -> bytes:
    """A DG2 whose outer TLV is sound but whose biometric template lies about its lengths."""
    inner = b"\x7f\x61\x83\xff\xff\xff" + image[:200]  # claims 16 MB inside a 200-byte file
    return tlv.encode(0x75, inner)
