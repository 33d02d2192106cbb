"""The one-time notice slip (一次性告知单): what to bring, limits, fees, where, and a QR link."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk import catalog as cat
from kiosk.i18n import Translator
from kiosk.receipts import (PAPER_COLUMNS, Align, Cut, Feed, QrCode, Receipt, Separator, Text,
                            Title, render_escpos)
from kiosk.receipts.large_print import large_print


def notice_slip(subject: Any, lang: str, tr: Translator,
                printed_at: dt.datetime | None = None, issued_by: str = "") -> Receipt:
    """Receipt model of the notice slip for an item or a merged bundle; issued_by names the branch."""
    printed_at = printed_at or dt.datetime.now()
    lines = cat.notice_slip_lines(subject, lang, tr, issued_by=issued_by)
    title, name, body = lines[0], lines[1], lines[2:]
    elements: list = [Title(title), Text(name, bold=True, align=Align.CENTER), Separator()]
    elements += [Text(line) for line in body]
    elements += [
        Separator(),
        Text(tr.t("slip.scan", lang), align=Align.CENTER),
        QrCode(cat.guide_url(subject)),
        Text(tr.t("slip.printed_at", lang, time=printed_at.strftime("%Y-%m-%d %H:%M")),
             align=Align.CENTER),
        Feed(2), Cut(),
    ]
    return Receipt.of(*elements)


def notice_slip_bytes(subject: Any, lang: str, tr: Translator, issued_by: str = "",
                      large: bool = False) -> bytes:
    """ESC/POS bytes of the notice slip for an 80 mm printer; large=True: the large-print layout."""
    receipt = notice_slip(subject, lang, tr, issued_by=issued_by)
    return render_escpos(large_print(receipt) if large else receipt, width_chars=PAPER_COLUMNS[80])
