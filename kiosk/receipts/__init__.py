"""Receipts: an immutable receipt model and its ESC/POS rendering for Chinese thermal printers.

Public API (pure Python, no Kivy, no device access)::

    from kiosk.receipts import (Receipt, Title, Text, KeyValue, Separator, Feed, QrCode, Cut,
                                Align, render_escpos, PAPER_COLUMNS)

    receipt = Receipt.of(
        Title("一次性告知单"),
        Text("居住证办理", width=2, bold=True),        # width/height multipliers 1..8 (GS !)
        Separator(),                                  # full-width rule of "-"
        KeyValue("收费标准", "免费"),                  # key left, value right
        Text("请携带身份证原件。", align=Align.LEFT),    # wrapped at the paper width
        QrCode("https://gov.example/guide/123"),      # native GS ( k QR, model 2
        Cut(),                                        # feed and partial cut (GS V)
    )
    data: bytes = render_escpos(receipt, width_chars=PAPER_COLUMNS[80])  # 48 (80 mm) or 32 (58 mm)

Then send it through the printer HAL: `printer.print_job(PrintJob(data, title="guide"))`.
The in-process simulator can draw what it received:
`drivers.printer.simulator.SimulatedPrinter.render_png(job_or_index, path)`.

Text rules: Chinese goes out as GB18030 after FS & (FS . before ASCII-only lines); "¥" is sent
as the full-width "￥" every printer font has; characters the charset cannot encode, control
characters and lone surrogates print as "?" (never an exception). Lines wrap by printer columns
(ASCII 1, every Chinese-mode character 2), dividing the width by the GS ! width multiplier.
"""
from kiosk.receipts.escpos import PAPER_COLUMNS, qr_cmds, render_escpos
from kiosk.receipts.model import (Align, Cut, Element, Feed, KeyValue, QrCode, Receipt, Separator,
                                  Text, Title)

__all__ = ["Align", "Cut", "Element", "Feed", "KeyValue", "PAPER_COLUMNS", "QrCode", "Receipt",
           "Separator", "Text", "Title", "qr_cmds", "render_escpos"]
