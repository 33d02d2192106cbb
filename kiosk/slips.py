"""The one-time notice slip (一次性告知单): what to bring, limits, fees, where, and a QR link."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk import catalog as cat
from kiosk.flow.view import GuideView
from kiosk.i18n import Translator
from kiosk.receipts import (PAPER_COLUMNS, Align, Cut, Feed, QrCode, Receipt, Separator, Text,
                            Title, render_escpos)


def guide_url(base_url: str, code: str, lang: str) -> str:
    """The online guide's address printed as the slip's QR code."""
    return f"{base_url.rstrip('/')}/{code}?lang={lang}"


def notice_slip(subject: Any, guide: GuideView, lang: str, base_url: str,
                tr: Translator, printed_at: dt.datetime | None = None) -> Receipt:
    """Receipt model of the notice slip for an item or a merged bundle."""
    printed_at = printed_at or dt.datetime.now()
    elements: list = [Title(tr.t("slip.title", lang)), Text(guide.title, bold=True,
                                                          align=Align.CENTER), Separator()]
    for line in cat.notice_slip_lines(subject, lang):
        elements.append(Text(line))
    elements += [
        Separator(),
        Text(tr.t("slip.scan", lang), align=Align.CENTER),
        QrCode(guide_url(base_url, guide.code, lang)),
        Text(guide.version_line, align=Align.CENTER),
        Text(tr.t("slip.printed_at", lang, time=printed_at.strftime("%Y-%m-%d %H:%M")),
             align=Align.CENTER),
        Text(tr.t("slip.sample", lang), align=Align.CENTER),
        Feed(2), Cut(),
    ]
    return Receipt.of(*elements)


def notice_slip_bytes(subject: Any, guide: GuideView, lang: str, base_url: str,
                      tr: Translator) -> bytes:
    """ESC/POS bytes of the notice slip for an 80 mm printer."""
    return render_escpos(notice_slip(subject, guide, lang, base_url, tr),
                         width_chars=PAPER_COLUMNS[80])
