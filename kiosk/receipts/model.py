"""Receipt model: immutable elements a receipt is made of, independent of any printer language."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Union


class Align(str, Enum):
    """Horizontal alignment of a line or a QR code."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


def _check_size(width: int, height: int) -> None:
    if not (1 <= width <= 8 and 1 <= height <= 8):
        raise ValueError(f"character size must be 1..8 in each direction, got {width}x{height}")


@dataclass(frozen=True)
class Text:
    """One paragraph of text; wrapped at the paper width. width/height are character multipliers."""

    text: str
    width: int = 1
    height: int = 1
    bold: bool = False
    align: Align = Align.LEFT

    def __post_init__(self) -> None:
        _check_size(self.width, self.height)


@dataclass(frozen=True)
class Title(Text):
    """A heading: by default double size, bold and centred."""

    width: int = 2
    height: int = 2
    bold: bool = True
    align: Align = Align.CENTER


@dataclass(frozen=True)
class KeyValue:
    """A row with a key on the left and its value on the right (value wraps under itself)."""

    key: str
    value: str
    bold: bool = False


@dataclass(frozen=True)
class Separator:
    """A full-width rule made of one ASCII character."""

    char: str = "-"

    def __post_init__(self) -> None:
        if len(self.char) != 1 or not (0x20 < ord(self.char) < 0x7F):
            raise ValueError("separator must be one printable ASCII character")


@dataclass(frozen=True)
class Feed:
    """Blank lines."""

    lines: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.lines <= 255:
            raise ValueError("feed must be 0..255 lines")


@dataclass(frozen=True)
class QrCode:
    """A QR code printed natively by the printer (model 2)."""

    data: str
    module_size: int = 6
    error_correction: str = "M"
    align: Align = Align.CENTER

    def __post_init__(self) -> None:
        if not self.data:
            raise ValueError("QR data must not be empty")
        if not 1 <= self.module_size <= 16:
            raise ValueError("QR module size must be 1..16 dots")
        if self.error_correction not in ("L", "M", "Q", "H"):
            raise ValueError("QR error correction must be one of L, M, Q, H")
        if len(self.data.encode("utf-8")) > 7000:
            raise ValueError("QR data is too long for one symbol")


@dataclass(frozen=True)
class Cut:
    """Feed `feed_lines` and cut the paper (partial cut leaves a small hinge)."""

    partial: bool = True
    feed_lines: int = 4

    def __post_init__(self) -> None:
        if not 0 <= self.feed_lines <= 255:
            raise ValueError("cut feed must be 0..255 lines")


Element = Union[Text, Title, KeyValue, Separator, Feed, QrCode, Cut]


@dataclass(frozen=True)
class Receipt:
    """A whole receipt: an ordered tuple of elements."""

    elements: tuple[Element, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, *elements: Element) -> "Receipt":
        """Build a receipt from elements given as arguments."""
        return cls(tuple(elements))

    def plain_text(self) -> str:
        """The receipt's text content (no layout), for logs of non-personal receipts and tests."""
        parts: list[str] = []
        for el in self.elements:
            if isinstance(el, Text):
                parts.append(el.text)
            elif isinstance(el, KeyValue):
                parts.append(f"{el.key} {el.value}")
            elif isinstance(el, QrCode):
                parts.append(f"[QR {el.data}]")
        return "\n".join(parts)
