"""Lays parsed ESC/POS operations out on paper the way a 576-dot receipt printer does."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from drivers.printer.escpos_parse import Garbage, Op

CELL_W, CELL_H, LINE_GAP = 12, 24, 6   # Font A half-width cell, and the default line spacing


@dataclass(frozen=True)
class Run:
    """Text printed with one style."""

    text: str
    width: int = 1
    height: int = 1
    bold: bool = False
    hanzi: bool = False  # printed in Chinese mode: non-ASCII characters take a double cell


@dataclass(frozen=True)
class TextLine:
    """One printed line of runs (empty for a blank line)."""

    runs: tuple[Run, ...]
    align: int = 0

    @property
    def text(self) -> str:
        """The line's characters."""
        return "".join(r.text for r in self.runs)

    @property
    def height_dots(self) -> int:
        """Dots of paper this line uses."""
        return CELL_H * max([r.height for r in self.runs] or [1]) + LINE_GAP

    @property
    def width_dots(self) -> int:
        """Dots the characters occupy."""
        return sum(char_dots(ch, r.hanzi) * r.width for r in self.runs for ch in r.text)


@dataclass(frozen=True)
class QrBlock:
    """A QR symbol printed from stored data."""

    data: bytes
    module_size: int
    error_correction: str
    align: int = 0


@dataclass(frozen=True)
class RasterBlock:
    """A GS v 0 bit image (1 = black, MSB first)."""

    width_bytes: int
    height: int
    data: bytes
    align: int = 0


@dataclass(frozen=True)
class FeedBlock:
    """Blank paper fed without printing."""

    dots: int


Block = Union[TextLine, QrBlock, RasterBlock, FeedBlock]


@dataclass
class Slip:
    """What was printed between two cuts."""

    blocks: list[Block] = field(default_factory=list)
    cut: str | None = None  # "full", "partial", or None while the paper is still attached

    def text_lines(self) -> list[str]:
        """The text of each printed line, in order (blank lines as "")."""
        return [b.text for b in self.blocks if isinstance(b, TextLine)]

    def qr_payloads(self) -> list[bytes]:
        """Data of every QR symbol printed on this slip."""
        return [b.data for b in self.blocks if isinstance(b, QrBlock)]


def char_dots(ch: str, hanzi: bool) -> int:
    """Head dots of one character at size 1: ASCII and code-table 12, Chinese-mode codes 24."""
    return 2 * CELL_W if hanzi and ord(ch) >= 0x80 else CELL_W


class SlipBuilder:
    """Applies operations in order; collects finished slips and the count of lines fed."""

    def __init__(self, width_dots: int = 576) -> None:
        self.width_dots = width_dots
        self.slips: list[Slip] = []
        self.current = Slip()
        self.lines_fed = 0
        self.errors: list[Garbage] = []
        self._reset()

    def _reset(self) -> None:
        self.size = (1, 1)
        self.bold = False
        self.hanzi = False
        self.align = 0
        self._runs: list[Run] = []
        self._used = 0
        self._qr_data: bytes | None = None
        self._qr_size = 3
        self._qr_ec = "L"

    def apply(self, op: Op) -> None:
        """Apply one parsed operation."""
        k, v = op.kind, op.value
        if k == "text":
            self._text(v)
        elif k == "lf":
            self._end_line()
        elif k == "init":
            self._reset()
        elif k == "size":
            self.size = v
        elif k == "bold":
            self.bold = v
        elif k == "hanzi":
            self.hanzi = v
        elif k == "align":
            if not self._runs:  # ESC a takes effect only at the start of a line
                self.align = v
        elif k == "feed":
            self._end_line(only_if_pending=True)
            self._add(FeedBlock(v * (CELL_H + LINE_GAP)), lines=v)
        elif k == "qr_size":
            self._qr_size = v
        elif k == "qr_ec":
            self._qr_ec = v
        elif k == "qr_store":
            self._qr_data = v
        elif k == "qr_print":
            self._qr_print(op)
        elif k == "raster":
            self._end_line(only_if_pending=True)
            xb, h, data = v
            self._add(RasterBlock(xb, h, data, self.align), lines=-(-h // (CELL_H + LINE_GAP)))
        elif k == "cut":
            self._end_line(only_if_pending=True)
            self.current.cut = v
            self.slips.append(self.current)
            self.current = Slip()

    def _qr_print(self, op: Op) -> None:
        if not self._qr_data:
            self.errors.append(Garbage(op.offset, b"", "QR print without stored data"))
            return
        self._end_line(only_if_pending=True)
        block = QrBlock(self._qr_data, self._qr_size, self._qr_ec, self.align)
        self._add(block, lines=2)

    def _text(self, text: str) -> None:
        w, h = self.size
        style = (w, h, self.bold, self.hanzi)
        for ch in text:
            cw = char_dots(ch, self.hanzi) * w
            if self._used + cw > self.width_dots:
                self._end_line()  # the printer wraps a full line by itself
            if self._runs and (self._runs[-1].width, self._runs[-1].height,
                               self._runs[-1].bold, self._runs[-1].hanzi) == style:
                last = self._runs[-1]
                self._runs[-1] = Run(last.text + ch, *style)
            else:
                self._runs.append(Run(ch, *style))
            self._used += cw

    def _end_line(self, only_if_pending: bool = False) -> None:
        if only_if_pending and not self._runs:
            return
        line = TextLine(tuple(self._runs), self.align)
        self._add(line, lines=max([r.height for r in self._runs] or [1]))
        self._runs, self._used = [], 0

    def _add(self, block: Block, lines: int) -> None:
        self.current.blocks.append(block)
        self.lines_fed += max(0, lines)

    def take_current(self) -> Slip:
        """Detach the uncut slip (paper torn off); printer modes stay as they are."""
        self._end_line(only_if_pending=True)
        slip, self.current = self.current, Slip()
        return slip

    def finish(self) -> list[Slip]:
        """All slips, including the uncut one still in the printer (if it has anything)."""
        self._end_line(only_if_pending=True)
        return self.slips + ([self.current] if self.current.blocks else [])
