"""The acceptance receipt (受理回执): number or clearly-marked local reference, item, materials, dates, QR."""
from __future__ import annotations

import datetime as dt

from kiosk.flow.browse.bundle_availability import elsewhere_lines
from kiosk.i18n import Translator
from kiosk.receipts.large_print import large_print
from kiosk.receipts import (PAPER_COLUMNS, Align, Cut, Feed, KeyValue, QrCode, Receipt, Separator,
                            Text, Title, render_escpos)

HOTLINE = "12345"


def progress_url(item, reference: str) -> str:
    """Where the QR code leads: the progress query for this application."""
    return f"{item.online_url.rstrip('/')}/progress?ref={reference}"


def acceptance_receipt(item, lang: str, tr: Translator, *, state: str, reference: str,
                       materials: list[tuple[str, str]], promised_date: str, delivery: str,
                       printed_at: dt.datetime | None = None) -> Receipt:
    """The receipt model; state "accepted" shows the application number, "queued" the LOCAL ref."""
    printed_at = printed_at or dt.datetime.now()
    title = tr.t("apply.receipt.title" if state == "accepted" else "apply.receipt.title_queued", lang)
    elements: list = [Title(title), Text(item.name[lang], bold=True, align=Align.CENTER), Separator()]
    if state == "accepted":
        elements.append(KeyValue(tr.t("apply.receipt.application_no", lang), reference, bold=True))
    else:
        elements.append(KeyValue(tr.t("apply.receipt.local_ref", lang), reference, bold=True))
        elements.append(Text(tr.t("apply.receipt.local_note", lang)))
    for one in getattr(item, "items", (item,)):  # every item applied for (a bundle has several)
        elements.append(KeyValue(tr.t("apply.receipt.item", lang), one.code))
        elements.append(Text(one.name[lang]))
    elements.append(Text(tr.t("apply.receipt.materials", lang), bold=True))
    for name, via in materials:
        elements.append(KeyValue(name, tr.t(f"apply.via.{via}", lang)))
    if getattr(item, "elsewhere", ()):  # bundle items this application does not cover
        elements.append(Text(tr.t("bundle.apply.elsewhere_title", lang), bold=True))
        elements += [Text(line) for line in elsewhere_lines(item.elsewhere, lang)]
    elements += [
        KeyValue(tr.t("apply.receipt.promised", lang), promised_date),
        KeyValue(tr.t("apply.receipt.delivery", lang), tr.t(f"apply.delivery.{delivery}", lang)),
        Separator(),
        Text(tr.t("apply.receipt.scan", lang), align=Align.CENTER),
        QrCode(progress_url(item, reference)),
        Text(tr.t("apply.receipt.hotline", lang, hotline=HOTLINE,
                  supervision=item.supervision_phone), align=Align.CENTER),
        Text(tr.t("slip.printed_at", lang, time=printed_at.strftime("%Y-%m-%d %H:%M")),
             align=Align.CENTER),
        Feed(2), Cut(),
    ]
    return Receipt.of(*elements)


def acceptance_receipt_bytes(item, lang: str, tr: Translator, large: bool = False, **kw) -> bytes:
    """ESC/POS bytes of the receipt for an 80 mm printer; large=True: the large-print layout."""
    receipt = acceptance_receipt(item, lang, tr, **kw)
    return render_escpos(large_print(receipt) if large else receipt, width_chars=PAPER_COLUMNS[80])
