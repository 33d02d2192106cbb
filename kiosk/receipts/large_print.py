"""Large-print layout of a receipt (elder mode): double-size text, bigger titles and QR code."""
from __future__ import annotations

from dataclasses import replace

from kiosk.receipts.model import Element, KeyValue, QrCode, Receipt, Text, Title

BODY_SCALE = 2  # GS ! 2x2: a 48-column 80 mm slip prints 24 columns (12 Hanzi) per line
TITLE_SCALE = 3
QR_MODULE_DOTS = 8


def _large(el: Element) -> list[Element]:
    if isinstance(el, Title):
        return [replace(el, width=max(el.width, TITLE_SCALE), height=max(el.height, TITLE_SCALE))]
    if isinstance(el, Text):
        return [replace(el, width=max(el.width, BODY_SCALE), height=max(el.height, BODY_SCALE))]
    if isinstance(el, KeyValue):
        # key and value side by side do not fit at double size: the key on its own line, bold
        return [Text(el.key, width=BODY_SCALE, height=BODY_SCALE, bold=True),
                Text(el.value, width=BODY_SCALE, height=BODY_SCALE, bold=el.bold)]
    if isinstance(el, QrCode):
        return [replace(el, module_size=max(el.module_size, QR_MODULE_DOTS))]
    return [el]


def large_print(receipt: Receipt) -> Receipt:
    """The same receipt with every text at least double size (fewer characters per line)."""
    return Receipt(tuple(out for el in receipt.elements for out in _large(el)))
