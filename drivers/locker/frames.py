"""The "8A" lock-control board frames: builders, BCC, and a resynchronising parser.

Every frame, either way, is five bytes: head, board, lock, command/state, BCC (XOR of the first
four). Heads: 0x8A open (command 0x11), 0x80 query (command 0x33); the board answers with the
same head, board and lock and a state byte in place of the command.
"""
from __future__ import annotations

from dataclasses import dataclass

HEAD_OPEN = 0x8A
HEAD_QUERY = 0x80
CMD_OPEN = 0x11
CMD_QUERY = 0x33
HEADS = (HEAD_OPEN, HEAD_QUERY)
FRAME_LEN = 5
ALL_LOCKS = 0x00
MAX_BUFFER = 64  # more unparsed bytes than this is line noise: the oldest are dropped
ALL_LEN = 7  # the all-locks answer on boards that give one: 80 board b3 b2 b1 33 BCC
ALL_MAX_LOCKS = 24  # three bitmap bytes


def bcc(data: bytes) -> int:
    """XOR of every byte."""
    out = 0
    for b in data:
        out ^= b
    return out


def _byte(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 0xFF:
        raise ValueError(f"{name} must be a whole number from 0 to 255, got {value!r}")
    return value


def build(head: int, board: int, lock: int, body: int) -> bytes:
    """One frame with its BCC."""
    raw = bytes((_byte("head", head), _byte("board", board), _byte("lock", lock),
                 _byte("state", body)))
    return raw + bytes((bcc(raw),))


def build_open(board: int, lock: int) -> bytes:
    """`8A board lock 11 BCC`: pulse one lock (lock 0: all locks, on boards that allow it)."""
    return build(HEAD_OPEN, board, lock, CMD_OPEN)


def build_query(board: int, lock: int) -> bytes:
    """`80 board lock 33 BCC`: ask one lock's door state."""
    return build(HEAD_QUERY, board, lock, CMD_QUERY)


@dataclass(frozen=True)
class Frame:
    """One checked frame: head, board, lock and the state (or command) byte."""

    head: int
    board: int
    lock: int
    state: int

    def to_bytes(self) -> bytes:
        """The frame on the wire, BCC included."""
        return build(self.head, self.board, self.lock, self.state)


class FrameParser:
    """Splits a byte stream into frames: skips garbage, drops frames with a wrong BCC, bounded."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self.garbage_bytes = 0
        self.bad_bcc = 0

    def feed(self, data: bytes) -> list[Frame]:
        """Take bytes; return every complete, valid frame found so far, in order."""
        self._buf += data
        if len(self._buf) > MAX_BUFFER:
            cut = len(self._buf) - MAX_BUFFER
            self.garbage_bytes += cut
            del self._buf[:cut]
        frames: list[Frame] = []
        while self._buf:
            if self._buf[0] not in HEADS:
                self.garbage_bytes += 1
                del self._buf[0]
                continue
            if len(self._buf) < FRAME_LEN:
                break
            raw = bytes(self._buf[:FRAME_LEN])
            if bcc(raw[:4]) != raw[4]:
                # a head byte inside garbage, or a corrupted frame: resync one byte further
                self.bad_bcc += 1
                del self._buf[0]
                continue
            del self._buf[:FRAME_LEN]
            frames.append(Frame(raw[0], raw[1], raw[2], raw[3]))
        return frames

    def pending(self) -> int:
        """Bytes held waiting for the rest of a frame."""
        return len(self._buf)

    def reset(self) -> None:
        """Forget any partial frame (before a new request)."""
        self._buf.clear()


def build_all_states(board: int, bits: int) -> bytes:
    """`80 board b3 b2 b1 33 BCC`: the all-locks answer; bit 0 of b1 is lock 1, bit 7 of b3 lock 24."""
    raw = bytes((HEAD_QUERY, _byte("board", board), (bits >> 16) & 0xFF, (bits >> 8) & 0xFF,
                 bits & 0xFF, CMD_QUERY))
    return raw + bytes((bcc(raw),))


def find_all_states(data: bytes, board: int) -> tuple[int | None, bool]:
    """The bitmap of the first valid all-locks answer of this board in data, and whether a
    window with the right head and tail had a wrong BCC."""
    bad = False
    for i in range(len(data) - ALL_LEN + 1):
        w = data[i:i + ALL_LEN]
        if w[0] == HEAD_QUERY and w[1] == board and w[5] == CMD_QUERY:
            if bcc(w[:6]) == w[6]:
                return (w[2] << 16) | (w[3] << 8) | w[4], bad
            bad = True
    return None, bad
