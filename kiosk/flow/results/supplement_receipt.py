"""The printed 补正 receipt: application number, materials received, and queued vs accepted."""
from __future__ import annotations

import datetime as dt

from kiosk.i18n import t
from kiosk.receipts import PAPER_COLUMNS, Align, Cut, Feed, Receipt, Separator, Text, Title, render_escpos


def supplement_receipt_elements(application_no: str, materials: list[tuple[str, str]], state: str,
                                reference: str, lang: str, printed_at: dt.datetime | None = None) -> list:
    """The receipt's elements (no personal data: the case number and material codes only)."""
    printed_at = printed_at or dt.datetime.now()
    out: list = [Title(t("results2.receipt.title", lang)), Separator(),
                 Text(t("results.slip.number", lang, no=application_no)),
                 Text(t("results2.receipt.materials", lang))]
    for code, via in materials:
        out.append(Text(t(f"results2.receipt.material_{via or 'capture'}", lang, code=code)))
    out.append(Separator())
    if state == "accepted":
        out.append(Text(t("results2.receipt.accepted", lang), bold=True))
    else:  # stored on this kiosk, not yet confirmed by the platform: say so
        out.append(Text(t("results2.receipt.queued", lang, reference=reference), bold=True))
    out += [Text(t("results.slip.printed_at", lang, time=printed_at.strftime("%Y-%m-%d %H:%M")),
                 align=Align.CENTER), Feed(2), Cut()]
    return out


def supplement_receipt_bytes(application_no: str, materials: list[tuple[str, str]], state: str,
                             reference: str, lang: str) -> bytes:
    """ESC/POS bytes of the supplement receipt."""
    elements = supplement_receipt_elements(application_no, materials, state, reference, lang)
    return render_escpos(Receipt.of(*elements), width_chars=PAPER_COLUMNS[80])
