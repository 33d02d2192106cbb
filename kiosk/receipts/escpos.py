"""Render a Receipt to ESC/POS bytes: GB18030 Chinese under FS &, GS ! sizes, native QR, cut."""
from __future__ import annotations

from kiosk.receipts import text as tx
from kiosk.receipts.model import (Align, Cut, Feed, KeyValue, QrCode, Receipt, Separator, Text)

ESC, GS, FS, LF = b"\x1b", b"\x1d", b"\x1c", b"\n"
INIT = ESC + b"@"
HANZI_ON = FS + b"&"     # FS &: enter Chinese (Hanzi) character mode
HANZI_OFF = FS + b"."    # FS .: leave it
_ALIGN = {Align.LEFT: 0, Align.CENTER: 1, Align.RIGHT: 2}
_QR_EC = {"L": 48, "M": 49, "Q": 50, "H": 51}

PAPER_COLUMNS = {80: 48, 58: 32}  # Font A (12 x 24 dots) on 576 and 384 printable dots


def size_cmd(width: int, height: int) -> bytes:
    """GS ! n: character width and height multipliers (also enlarges Hanzi, unlike ESC !)."""
    return GS + b"!" + bytes([((width - 1) << 4) | (height - 1)])


def bold_cmd(on: bool) -> bytes:
    """ESC E n: emphasized on/off."""
    return ESC + b"E" + bytes([1 if on else 0])


def align_cmd(align: Align) -> bytes:
    """ESC a n: justification."""
    return ESC + b"a" + bytes([_ALIGN[align]])


def _qr_fn(fn: int, params: bytes) -> bytes:
    body = b"1" + bytes([fn]) + params  # cn = 49 (QR code)
    return GS + b"(k" + len(body).to_bytes(2, "little") + body


def qr_cmds(data: str, module_size: int, ec: str) -> bytes:
    """GS ( k: select model 2, module size, error correction, store the data, print the symbol."""
    payload = data.encode("utf-8")
    return (_qr_fn(65, b"2\x00")                   # fn 165: model 2
            + _qr_fn(67, bytes([module_size]))     # fn 167: module size in dots
            + _qr_fn(69, bytes([_QR_EC[ec]]))      # fn 169: error correction level
            + _qr_fn(80, b"0" + payload)           # fn 180: store data
            + _qr_fn(81, b"0"))                    # fn 181: print stored symbol


def cut_cmd(partial: bool, feed_lines: int) -> bytes:
    """ESC d n (feed n lines) then GS V m 0 (function B: 65 full cut, 66 partial cut)."""
    return ESC + b"d" + bytes([feed_lines]) + GS + b"V" + bytes([66 if partial else 65, 0])


class _Writer:
    """Tracks printer state so each mode command is sent only when it changes."""

    def __init__(self, charset: str) -> None:
        self.out = bytearray(INIT)
        self.charset = charset
        self.hanzi: bool | None = None  # unknown after ESC @ on printers with a Chinese default
        self.size = (1, 1)
        self.bold = False
        self.align = Align.LEFT

    def style(self, width: int, height: int, bold: bool, align: Align) -> None:
        if (width, height) != self.size:
            self.out += size_cmd(width, height)
            self.size = (width, height)
        if bold != self.bold:
            self.out += bold_cmd(bold)
            self.bold = bold
        if align != self.align:
            self.out += align_cmd(align)
            self.align = align

    def line(self, text: str) -> None:
        needs_hanzi = any(ord(c) >= 0x80 for c in text)
        if needs_hanzi and self.hanzi is not True:
            self.out += HANZI_ON
            self.hanzi = True
        elif not needs_hanzi and self.hanzi is not False and text:
            self.out += HANZI_OFF
            self.hanzi = False
        self.out += text.encode("gb18030") + LF

    def raw(self, data: bytes) -> None:
        self.out += data


def render_escpos(receipt: Receipt, width_chars: int = 48, charset: str = "gb18030") -> bytes:
    """The ESC/POS byte stream for a receipt on paper `width_chars` Font-A columns wide."""
    if width_chars < 8:
        raise ValueError("paper must be at least 8 columns wide")
    if charset not in ("gb18030", "gbk"):
        raise ValueError("charset must be 'gb18030' or 'gbk'")
    w = _Writer(charset)
    for el in receipt.elements:
        if isinstance(el, Text):
            w.style(el.width, el.height, el.bold, el.align)
            cols = max(2, width_chars // el.width)
            for line in tx.wrap(tx.normalize(el.text, charset), cols):
                w.line(line)
        elif isinstance(el, KeyValue):
            w.style(1, 1, el.bold, Align.LEFT)
            key, value = tx.normalize(el.key, charset), tx.normalize(el.value, charset)
            for line in tx.pad_between(key, value, width_chars):
                w.line(line)
        elif isinstance(el, Separator):
            w.style(1, 1, False, Align.LEFT)
            w.line(el.char * width_chars)
        elif isinstance(el, Feed):
            w.raw(ESC + b"d" + bytes([el.lines]))
        elif isinstance(el, QrCode):
            w.style(1, 1, False, el.align)
            w.raw(qr_cmds(el.data, el.module_size, el.error_correction))
            w.raw(LF)
        elif isinstance(el, Cut):
            w.raw(cut_cmd(el.partial, el.feed_lines))
        else:
            raise TypeError(f"not a receipt element: {type(el).__name__}")
    return bytes(w.out)
