"""BER-TLV decoding and encoding as used by the LDS (tags up to 3 bytes, definite lengths)."""
from __future__ import annotations

from typing import Iterator

from drivers.card_reader.mrtd.errors import TlvError

MAX_LENGTH = 0xFFFFFF


def read_tag(data: bytes, pos: int) -> tuple[int, int, bool]:
    """Decode the tag at pos; return (tag, next position, constructed)."""
    if pos >= len(data):
        raise TlvError("tag missing")
    first = data[pos]
    tag, pos = first, pos + 1
    if first & 0x1F == 0x1F:
        for _ in range(2):  # at most two subsequent bytes (3-byte tags)
            if pos >= len(data):
                raise TlvError("tag truncated")
            b = data[pos]
            tag, pos = (tag << 8) | b, pos + 1
            if not b & 0x80:
                break
        else:
            raise TlvError("tag too long")
    return tag, pos, bool(first & 0x20)


def read_length(data: bytes, pos: int) -> tuple[int, int]:
    """Decode the definite length at pos; return (length, next position)."""
    if pos >= len(data):
        raise TlvError("length missing")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0 or count > 3:
        raise TlvError("unsupported length form")
    if pos + count > len(data):
        raise TlvError("length truncated")
    return int.from_bytes(data[pos:pos + count], "big"), pos + count


def read_header(data: bytes, pos: int = 0) -> tuple[int, int, int]:
    """Decode tag and length; return (tag, length, value offset) without checking the value."""
    tag, pos, _ = read_tag(data, pos)
    length, pos = read_length(data, pos)
    return tag, length, pos


def read_tlv(data: bytes, pos: int = 0) -> tuple[int, bytes, int]:
    """Decode one complete TLV; return (tag, value, next position)."""
    tag, length, start = read_header(data, pos)
    end = start + length
    if end > len(data):
        raise TlvError("value truncated")
    return tag, bytes(data[start:end]), end


def iter_tlv(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Yield (tag, value) for consecutive TLVs filling data (trailing 00/FF padding is ignored)."""
    pos = 0
    while pos < len(data):
        if data[pos] in (0x00, 0xFF) and all(b == data[pos] for b in data[pos:]):
            return
        tag, value, pos = read_tlv(data, pos)
        yield tag, value


def to_dict(data: bytes) -> dict[int, bytes]:
    """The TLVs in data keyed by tag (first occurrence wins)."""
    out: dict[int, bytes] = {}
    for tag, value in iter_tlv(data):
        out.setdefault(tag, value)
    return out


def find(data: bytes, *path: int) -> bytes:
    """Follow nested tags (e.g. 0x61, 0x5F1F) and return the innermost value; TlvError if absent."""
    value = data
    for tag in path:
        found = to_dict(value).get(tag)
        if found is None:
            raise TlvError(f"tag {tag:X} missing")
        value = found
    return value


def encode_length(n: int) -> bytes:
    """Encode a definite length."""
    if n < 0 or n > MAX_LENGTH:
        raise ValueError("length out of range")
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def encode(tag: int, value: bytes) -> bytes:
    """Encode one TLV."""
    tag_bytes = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    return tag_bytes + encode_length(len(value)) + value
