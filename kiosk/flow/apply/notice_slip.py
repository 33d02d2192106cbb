"""The apply journey's one-time notice (一次性告知): everything missing, and items done elsewhere."""
from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from kiosk.flow.browse.bundle_availability import elsewhere_lines
from kiosk.i18n import Msg, Translator
from kiosk.receipts import (PAPER_COLUMNS, Align, Cut, Feed, QrCode, Receipt, Separator, Text,
                            Title, render_escpos)


def one_time_notice(subject: Any, missing: Sequence[Msg], lang: str, tr: Translator, *,
                    issued_by: str = "", printed_at: dt.datetime | None = None) -> Receipt:
    """The slip: what is still missing and how to supply it, then each item done elsewhere and how.

    No personal data: only the catalog's names of items and materials.
    """
    printed_at = printed_at or dt.datetime.now()
    elements: list = [Title(tr.t("slip.title", lang)),
                      Text(subject.name[lang], bold=True, align=Align.CENTER), Separator()]
    for item in subject.items:
        elements.append(Text(f"{item.code} {item.name[lang]}"))
    if missing:
        elements += [Separator(), Text(tr.t("bundle.notice.missing_title", lang), bold=True)]
        elements += [Text("□ " + tr.render(msg, lang)) for msg in missing]
    if subject.elsewhere:
        elements += [Separator(), Text(tr.t("bundle.apply.elsewhere_title", lang), bold=True)]
        elements += [Text(line) for line in elsewhere_lines(subject.elsewhere, lang)]
    elements += [Separator(), Text(tr.t("slip.scan", lang), align=Align.CENTER),
                 QrCode(f"{subject.online_url.rstrip('/')}")]
    if issued_by:
        elements.append(Text(tr.t("bundle.notice.issued_by", lang, branch=issued_by), align=Align.CENTER))
    elements += [Text(tr.t("slip.printed_at", lang, time=printed_at.strftime("%Y-%m-%d %H:%M")),
                      align=Align.CENTER), Feed(2), Cut()]
    return Receipt.of(*elements)


def one_time_notice_bytes(subject: Any, missing: Sequence[Msg], lang: str, tr: Translator,
                          issued_by: str = "") -> bytes:
    """ESC/POS bytes of the one-time notice for an 80 mm printer."""
    return render_escpos(one_time_notice(subject, missing, lang, tr, issued_by=issued_by),
                         width_chars=PAPER_COLUMNS[80])
