"""The resident ID card's 256-byte UTF-16-LE text block: split, encode, validate into a record."""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from drivers.card_reader import gb11643
from drivers.card_reader.base import IdentityRecord
from drivers.card_reader.nations import nation_name
from drivers.card_reader.plausibility import findings
from drivers.card_reader.sam_errors import IdDataError

TEXT_BLOCK_LEN = 256
LONG_TERM = "长期"
# (field, length in characters); 236 bytes, the remaining 20 bytes are reserved
FIELDS: tuple[tuple[str, int], ...] = (
    ("name", 15), ("sex", 1), ("nation", 2), ("birth", 8), ("address", 35),
    ("id_number", 18), ("authority", 15), ("valid_from", 8), ("valid_to", 8),
)
ADDRESS_CHARS = 35
SEX_NAMES = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}
_PAD = " \x00\u3000"


def _decode(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-16-le").rstrip(_PAD)
    except UnicodeDecodeError:
        raise IdDataError(f"{what} is not valid UTF-16 text") from None


def split_text_block(block: bytes) -> dict[str, str]:
    """Cut the text block into its fields (trailing padding removed); no validation of values."""
    if not isinstance(block, (bytes, bytearray)) or len(block) != TEXT_BLOCK_LEN:
        raise IdDataError(f"text block must be {TEXT_BLOCK_LEN} bytes")
    out: dict[str, str] = {}
    pos = 0
    for field, chars in FIELDS:
        out[field] = _decode(bytes(block[pos:pos + 2 * chars]), field)
        pos += 2 * chars
    return out


def decode_address(raw: bytes) -> str:
    """Decode an appended-address block (35 UTF-16-LE characters, padded)."""
    if len(raw) % 2:
        raise IdDataError("appended address has an odd length")
    return _decode(bytes(raw), "appended address")


def encode_field(value: str, chars: int) -> bytes:
    """One field padded with spaces to its width (ValueError when too long)."""
    if len(value) > chars:
        raise ValueError(f"{value!r} is longer than {chars} characters")
    return value.ljust(chars).encode("utf-16-le")


def encode_text_block(fields: Mapping[str, str]) -> bytes:
    """Build a text block from raw field strings (the card's own codes: sex '1', nation '01')."""
    raw = b"".join(encode_field(fields.get(f, ""), n) for f, n in FIELDS)
    return raw + " ".encode("utf-16-le") * ((TEXT_BLOCK_LEN - len(raw)) // 2)


def _iso(d) -> str:
    return d.isoformat()


def to_identity(fields: Mapping[str, str], photo: bytes = b"",
                appended_address: str = "") -> IdentityRecord:
    """Validate raw fields and build the IdentityRecord, marked with its plausibility findings;
    IdDataError names the failing rule when a field cannot be decoded at all."""
    name = fields.get("name", "").strip()
    if not name:
        raise IdDataError("name is empty")
    sex = SEX_NAMES.get(fields.get("sex", "").strip())
    if sex is None:
        raise IdDataError("sex code is not 0, 1, 2 or 9")
    nation = nation_name(fields.get("nation", ""))
    birth = gb11643.parse_date(fields.get("birth", ""), "birth date")
    id_number = gb11643.validate(fields.get("id_number", ""))
    valid_from = gb11643.parse_date(fields.get("valid_from", ""), "valid-from date")
    to_raw = fields.get("valid_to", "").strip()
    if to_raw == LONG_TERM:
        valid_to = LONG_TERM
    else:
        valid_to = _iso(gb11643.parse_date(to_raw, "valid-to date"))
    # dates that disagree (with each other, the ID number, today) are plausibility findings,
    # not read failures: the record is kept and marked (drivers.card_reader.plausibility)
    address = fields.get("address", "").strip()
    extra = {"photo": bytes(photo), "sex_code": fields.get("sex", "").strip(),
             "nation_code": fields.get("nation", "").strip()}
    if appended_address:
        extra["appended_address"] = appended_address
    record = IdentityRecord(
        document_type="resident_id", name=name, id_number=id_number, sex=sex, nation=nation,
        birth_date=_iso(birth), address=address, authority=fields.get("authority", "").strip(),
        valid_from=_iso(valid_from), valid_to=valid_to, extra=extra)
    return replace(record, plausibility=findings(record))


def parse_text_block(block: bytes, photo: bytes = b"",
                     appended_address: str = "") -> IdentityRecord:
    """Text block bytes -> validated IdentityRecord (raises only IdDataError)."""
    return to_identity(split_text_block(block), photo, appended_address)
