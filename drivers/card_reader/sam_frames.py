"""GA/T 467 SAM serial frames: build, checksum, resynchronising decoder, response parsing."""
from __future__ import annotations

from dataclasses import dataclass

from drivers.card_reader.sam_errors import FrameError

PREAMBLE = b"\xAA\xAA\xAA\x96\x69"
HEADER_LEN = len(PREAMBLE) + 2
MIN_LEN = 3  # CMD PARA CHK (commands) / SW1 SW2 SW3 CHK (responses) -> at least 3
MAX_LEN = 4096  # longest real answer (text + photo + fingerprints) is ~2.3 kB

# (CMD, PARA) pairs of the business-terminal interface
RESET = (0x10, 0xFF)
STATUS = (0x11, 0xFF)
SAM_ID = (0x12, 0xFF)
FIND = (0x20, 0x01)
SELECT = (0x20, 0x02)
READ_BASE = (0x30, 0x01)
READ_APPENDED = (0x30, 0x03)


def xor_checksum(data: bytes) -> int:
    """XOR of every byte (the frame checksum covers LEN and payload)."""
    c = 0
    for b in data:
        c ^= b
    return c


def build_frame(payload: bytes) -> bytes:
    """Wrap a payload: preamble, big-endian LEN (payload + checksum), payload, XOR checksum."""
    n = len(payload) + 1
    if n > 0xFFFF:
        raise ValueError("payload too long for a SAM frame")
    body = n.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([xor_checksum(body)])


def build_command(cmd: tuple[int, int], data: bytes = b"") -> bytes:
    """A terminal->reader command frame."""
    return build_frame(bytes(cmd) + data)


def build_response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A reader->terminal response frame."""
    return build_frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True)
class Response:
    """A decoded reader answer."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes

    def __repr__(self) -> str:  # data may hold personal data: show its size only
        return f"Response(sw3=0x{self.sw3:02X}, {len(self.data)} data bytes)"


def parse_response(payload: bytes) -> Response:
    """Split a response payload into SW1 SW2 SW3 and data."""
    if len(payload) < 3:
        raise FrameError("answer shorter than its status bytes", "frame_too_short")
    return Response(payload[0], payload[1], payload[2], bytes(payload[3:]))


def parse_command(payload: bytes) -> tuple[tuple[int, int], bytes]:
    """Split a command payload into (CMD, PARA) and data."""
    if len(payload) < 2:
        raise FrameError("command shorter than CMD and PARA", "frame_too_short")
    return (payload[0], payload[1]), bytes(payload[2:])


def parse_base_message(data: bytes) -> tuple[bytes, bytes]:
    """Data of a 30 01 answer -> (text block, photo); the photo stays opaque."""
    if len(data) < 4:
        raise FrameError("base message without its length fields", "base_message_malformed")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if 4 + text_len + photo_len != len(data):
        raise FrameError("base message lengths do not add up", "base_message_malformed")
    return bytes(data[4:4 + text_len]), bytes(data[4 + text_len:])


def build_base_message(text: bytes, photo: bytes) -> bytes:
    """Data of a 30 01 answer (used by the simulator)."""
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo


class FrameDecoder:
    """Incremental decoder that finds frames in a noisy byte stream.

    Garbage before a preamble is dropped. A candidate whose length is impossible or whose
    checksum is wrong is skipped one byte at a time, so a real frame hidden behind a false
    preamble is still found; a later complete frame wins over an earlier incomplete one.
    """

    def __init__(self, max_len: int = MAX_LEN) -> None:
        self.max_len = max_len
        self._buf = bytearray()
        self.discarded = 0  # bytes dropped as garbage
        self.bad_checksums = 0
        self.frames = 0

    def feed(self, data: bytes) -> None:
        """Add received bytes."""
        self._buf += data
        limit = 2 * (HEADER_LEN + self.max_len)
        if len(self._buf) > limit:  # never hold more than two longest frames
            self._drop(len(self._buf) - limit)

    def clear(self) -> None:
        """Forget buffered bytes (before a new command)."""
        self._drop(len(self._buf))

    def pending(self) -> int:
        """Bytes buffered but not yet part of a frame."""
        return len(self._buf)

    def _drop(self, n: int) -> None:
        self.discarded += n
        del self._buf[:n]

    def _candidate(self, pos: int) -> bytes | None | bool:
        """Payload of a valid frame at pos, None if incomplete, False if invalid."""
        buf = self._buf
        if len(buf) - pos < HEADER_LEN:
            return None
        n = int.from_bytes(buf[pos + 5:pos + 7], "big")
        if n < MIN_LEN or n > self.max_len:
            return False
        end = pos + HEADER_LEN + n
        if len(buf) < end:
            return None
        body = bytes(buf[pos + 5:end])
        if xor_checksum(body[:-1]) != body[-1]:
            return False
        return body[2:-1]

    def next_frame(self) -> bytes | None:
        """The next complete, checksum-valid payload, or None until more bytes arrive."""
        pos = self._buf.find(PREAMBLE)
        first_incomplete: int | None = None
        while pos >= 0:
            got = self._candidate(pos)
            if got is False:
                if first_incomplete is None:
                    self.bad_checksums += self._looks_like_bad_checksum(pos)
                pos = self._buf.find(PREAMBLE, pos + 1)
                continue
            if got is None:
                if first_incomplete is None:
                    first_incomplete = pos
                pos = self._buf.find(PREAMBLE, pos + 1)
                continue
            self._drop(pos)
            del self._buf[:HEADER_LEN + len(got) + 1]
            self.frames += 1
            return got
        if first_incomplete is not None:
            self._drop(first_incomplete)
        else:  # keep a tail that may be the start of a preamble
            keep = 0
            for k in range(min(len(PREAMBLE) - 1, len(self._buf)), 0, -1):
                if self._buf.endswith(PREAMBLE[:k]):
                    keep = k
                    break
            self._drop(len(self._buf) - keep)
        return None

    def _looks_like_bad_checksum(self, pos: int) -> int:
        n = int.from_bytes(self._buf[pos + 5:pos + 7], "big")
        return int(MIN_LEN <= n <= self.max_len)

    def drain(self) -> list[bytes]:
        """Every complete payload currently decodable."""
        out = []
        while (p := self.next_frame()) is not None:
            out.append(p)
        return out
