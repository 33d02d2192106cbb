"""Incremental ESC/POS stream parser: bytes in, printer operations out; garbage is recorded, never raised."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_RASTER_WIDTH_BYTES = 128   # 1024 dots, wider than any receipt head
MAX_RASTER_HEIGHT = 4095

# Commands we understand well enough to skip: prefix -> number of parameter bytes.
_SKIP = {
    b"\x1b2": 0, b"\x1b3": 1, b"\x1bM": 1, b"\x1bt": 1, b"\x1b-": 1, b"\x1bG": 1, b"\x1bR": 1,
    b"\x1bV": 1, b"\x1b{": 1, b"\x1b!": 1, b"\x1bJ": 1, b"\x1bp": 3, b"\x1bc5": 1,
    b"\x1c!": 1, b"\x1cC": 1, b"\x1cW": 1, b"\x1c-": 1,
    b"\x1dB": 1, b"\x1dH": 1, b"\x1dh": 1, b"\x1dw": 1, b"\x1df": 1, b"\x1da": 1,
    b"\x1dL": 2, b"\x1dW": 2, b"\x10\x05": 1,
}
_CLEAR_BUFFER = b"\x10\x14\x08\x01\x03\x14\x01\x06\x02\x08"  # DLE DC4 fn 8: clear buffers


FULL_STATUS = 20  # DLE EOT 20: the 6-byte full status of kiosk printers with a presenter


@dataclass(frozen=True)
class Op:
    """One printer operation: kind plus its value, and where it was in the stream."""

    kind: str
    value: Any = None
    offset: int = 0


@dataclass(frozen=True)
class Garbage:
    """Bytes the parser could not interpret, with the reason; they were skipped."""

    offset: int
    data: bytes
    reason: str


@dataclass
class EscposParser:
    """Feed bytes as they arrive; get operations in order. Never raises on any input.

    Op kinds: init, text (str), lf, size ((w, h)), bold (bool), align (0/1/2), hanzi (bool),
    feed (lines), feed_dots (dots), cut ("full"/"partial"), qr_model, qr_size, qr_ec ("L".."H"),
    qr_store (bytes), qr_print, raster ((width_bytes, height, data)), status_query (n),
    paper_query (n), process_id (4 ID bytes, GS ( H fn 48), clear_buffer, ignored (raw bytes).
    """

    hanzi: bool = False
    garbage: list[Garbage] = field(default_factory=list)
    _buf: bytearray = field(default_factory=bytearray)
    _offset: int = 0  # stream offset of _buf[0]

    def feed(self, data: bytes) -> list[Op]:
        """Parse as much as possible; incomplete commands wait for more bytes."""
        self._buf += data
        return self._drain(final=False)

    def flush(self) -> list[Op]:
        """Emit pending text (call when the line goes idle); incomplete commands stay buffered."""
        return self._drain(final=True)

    def _drain(self, final: bool) -> list[Op]:
        ops: list[Op] = []
        while self._buf:
            step = self._parse_one(final)
            if step is None:
                break
            consumed, op = step
            if op is not None:
                ops.append(op)
            del self._buf[:consumed]
            self._offset += consumed
        return ops

    def _bad(self, n: int, reason: str) -> tuple[int, None]:
        self.garbage.append(Garbage(self._offset, bytes(self._buf[:n]), reason))
        return n, None

    def _op(self, n: int, kind: str, value: Any = None) -> tuple[int, Op]:
        return n, Op(kind, value, self._offset)

    def _parse_one(self, final: bool) -> tuple[int, Op | None] | None:
        b = self._buf
        c = b[0]
        if c >= 0x20:
            return self._text(final)
        if c == 0x0A:
            return self._op(1, "lf")
        if c in (0x0D, 0x09, 0x00):
            return self._op(1, "ignored", bytes([c]))
        if c not in (0x10, 0x1B, 0x1C, 0x1D):
            return self._bad(1, f"unknown control byte 0x{c:02X}")
        if len(b) < 2:
            return None
        return self._command(final)

    def _text(self, final: bool) -> tuple[int, Op | None] | None:
        b = self._buf
        end = 0
        while end < len(b) and b[end] >= 0x20:
            end += 1
        if end == len(b) and not final:
            return None  # the run may continue (or a multibyte code may be split)
        raw = bytes(b[:end])
        if self.hanzi:
            text = raw.decode("gb18030", errors="replace")
            if "\ufffd" in text:
                self.garbage.append(Garbage(self._offset, raw, "invalid GB18030 sequence in text"))
        else:
            text = raw.decode("cp437")  # the default code table when not in Chinese mode
        return self._op(end, "text", text)

    def _command(self, final: bool) -> tuple[int, Op | None] | None:
        b = self._buf
        head = bytes(b[:2])
        need = self._need(3)
        if head == b"\x1b@":
            self.hanzi = False
            return self._op(2, "init")
        if head == b"\x1c&":
            self.hanzi = True
            return self._op(2, "hanzi", True)
        if head == b"\x1c.":
            self.hanzi = False
            return self._op(2, "hanzi", False)
        if head == b"\x10\x14":
            if len(b) < len(_CLEAR_BUFFER):
                return None if _CLEAR_BUFFER.startswith(bytes(b)) else self._bad(2, "unknown DLE DC4 function")
            if bytes(b[:len(_CLEAR_BUFFER)]) == _CLEAR_BUFFER:
                return self._op(len(_CLEAR_BUFFER), "clear_buffer")
            return self._bad(2, "unknown DLE DC4 function")
        if head == b"\x1d(":
            return self._gs_paren()
        if head == b"\x1dv":
            return self._raster()
        if head == b"\x1dV":
            if not need:
                return None
            m = b[2]
            if m in (0, 48, 1, 49):
                return self._op(3, "cut", "full" if m in (0, 48) else "partial")
            if m in (65, 66):
                if len(b) < 4:
                    return None
                return self._op(4, "cut", "full" if m == 65 else "partial")
            return self._bad(3, f"GS V with invalid mode {m}")
        for prefix, nparams in _SKIP.items():
            if bytes(b[:len(prefix)]) == prefix or (len(b) < len(prefix) and prefix.startswith(bytes(b))):
                total = len(prefix) + nparams
                if len(b) < total:
                    return None
                return self._op(total, "ignored", bytes(b[:total]))
        if not need:
            return None
        n = b[2]
        if head == b"\x10\x04":
            if 1 <= n <= 4 or n == FULL_STATUS:
                return self._op(3, "status_query", n)
            return self._bad(3, f"DLE EOT with invalid n={n}")
        if head == b"\x1dr":
            if n in (1, 2, 49, 50):
                return self._op(3, "paper_query", n & 0x0F)
            return self._bad(3, f"GS r with invalid n={n}")
        if head == b"\x1bE":
            return self._op(3, "bold", bool(n & 1))
        if head == b"\x1ba":
            if n in (0, 1, 2, 48, 49, 50):
                return self._op(3, "align", n & 0x03)
            return self._bad(3, f"ESC a with invalid n={n}")
        if head == b"\x1bd":
            return self._op(3, "feed", n)
        if head == b"\x1d!":
            w, h = (n >> 4) + 1, (n & 0x0F) + 1
            if w > 8 or h > 8:
                return self._bad(3, f"GS ! with invalid size byte 0x{n:02X}")
            return self._op(3, "size", (w, h))
        return self._bad(1, f"unknown command {head.hex(' ').upper()}")

    def _need(self, n: int) -> bool:
        return len(self._buf) >= n

    def _gs_paren(self) -> tuple[int, Op | None] | None:
        b = self._buf
        if len(b) < 5:
            return None
        length = b[3] | (b[4] << 8)
        total = 5 + length
        if b[2] == ord("H"):
            if len(b) < total:
                return None
            if length == 6 and b[5] == 48 and b[6] == 48:  # GS ( H fn 48: process ID response
                return self._op(total, "process_id", bytes(b[7:11]))
            return self._op(total, "ignored", bytes(b[:total]))
        if b[2] != ord("k"):
            if len(b) < total:
                return None
            return self._op(total, "ignored", bytes(b[:total]))
        if length < 2:
            return self._bad(5, "GS ( k with a length below 2")
        if len(b) < total:
            return None
        cn, fn, params = b[5], b[6], bytes(b[7:total])
        if cn != 0x31:
            return self._op(total, "ignored", bytes(b[:total]))  # another 2D symbology
        if fn == 65:
            return self._op(total, "qr_model", params[:1].decode("latin-1"))
        if fn == 67 and len(params) == 1 and 1 <= params[0] <= 16:
            return self._op(total, "qr_size", params[0])
        if fn == 69 and len(params) == 1 and 48 <= params[0] <= 51:
            return self._op(total, "qr_ec", "LMQH"[params[0] - 48])
        if fn == 80 and params[:1] == b"0":
            return self._op(total, "qr_store", params[1:])
        if fn == 81 and params[:1] == b"0":
            return self._op(total, "qr_print")
        if fn == 82:
            return self._op(total, "ignored", bytes(b[:total]))
        return self._bad(total, f"QR function {fn} with invalid parameters")

    def _raster(self) -> tuple[int, Op | None] | None:
        b = self._buf
        if len(b) < 8:
            return None
        if b[2] not in (0, 48) or b[3] not in (0, 1, 2, 3, 48, 49, 50, 51):
            return self._bad(2, "GS v not followed by a valid raster header")
        xbytes = b[4] | (b[5] << 8)
        height = b[6] | (b[7] << 8)
        if not (1 <= xbytes <= MAX_RASTER_WIDTH_BYTES and 1 <= height <= MAX_RASTER_HEIGHT):
            return self._bad(8, f"raster image size {xbytes * 8}x{height} dots out of range")
        total = 8 + xbytes * height
        if len(b) < total:
            return None
        return self._op(total, "raster", (xbytes, height, bytes(b[8:total])))
