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


def courier_status_key(status: str) -> str:
    """The message key of a courier status (unknown ones say so)."""
    known = ("in_transit", "delivered", "posted")
    return f"results2.courier.status.{status if status in known else 'unknown'}"


def courier_slip_bytes(title: str, application_no: str, courier: tuple[str, str, str], lang: str,
                       printed_at: dt.datetime | None = None) -> bytes:
    """ESC/POS bytes of the courier slip: carrier, tracking number and status (no address)."""
    printed_at = printed_at or dt.datetime.now()
    carrier, tracking_no, status = courier
    elements: list = [Title(t("results2.courier.slip_title", lang)), Text(title, bold=True, align=Align.CENTER),
                      Separator(), Text(t("results.slip.number", lang, no=application_no)),
                      Text(t("results2.courier.tracking", lang, carrier=carrier, tracking_no=tracking_no,
                             status=t(courier_status_key(status), lang))),
                      Text(t("results.slip.printed_at", lang, time=printed_at.strftime("%Y-%m-%d %H:%M")),
                           align=Align.CENTER), Feed(2), Cut()]
    return render_escpos(Receipt.of(*elements), width_chars=PAPER_COLUMNS[80])
