"""The result verification slip: what was collected, with the platform's verification QR."""
from __future__ import annotations

import datetime as dt

from kiosk.i18n import t
from kiosk.receipts.large_print import large_print
from kiosk.receipts import PAPER_COLUMNS, Align, Cut, Feed, QrCode, Receipt, Separator, Text, Title, render_escpos


def slip_bytes(title: str, application_no: str, verify_url: str, lang: str,
               printed_at: dt.datetime | None = None, large: bool = False) -> bytes:
    """ESC/POS bytes of the verification slip (no personal data on it beyond the case number)."""
    printed_at = printed_at or dt.datetime.now()
    elements: list = [Title(t("results.slip.title", lang)), Text(title, bold=True, align=Align.CENTER),
                      Separator(), Text(t("results.slip.number", lang, no=application_no))]
    if verify_url:
        elements += [Text(t("results.slip.verify", lang), align=Align.CENTER), QrCode(verify_url)]
    elements += [Text(t("results.slip.printed_at", lang, time=printed_at.strftime("%Y-%m-%d %H:%M")),
                      align=Align.CENTER), Feed(2), Cut()]
    receipt = Receipt.of(*elements)
    return render_escpos(large_print(receipt) if large else receipt, width_chars=PAPER_COLUMNS[80])
