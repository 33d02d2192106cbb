"""A printed slip left at the printer's exit: noticed, announced on screen and aloud, and logged."""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from drivers.printer.base import MEDIA_TAKEN, SLIP_LEFT
from kiosk.flow.results.pages import PickupPage, SupplementPage
from kiosk.i18n import Msg

log = logging.getLogger(__name__)
WATCHED = (PickupPage, SupplementPage)  # the results pages that print a slip


def printer_event(host: Any, kind: str, data: Any) -> None:
    """The printer says a slip waits at the exit, or that it was taken (host lock held)."""
    page = host.state.page
    if not isinstance(page, WATCHED):
        return
    if kind == SLIP_LEFT and not page.slip_left:
        log.warning("results slip not taken from the printer after %s s (%s)",
                    data.get("waiting_s", "?"), type(page).__name__)
        host.update(replace(page, slip_left=True, message=Msg("results2.slip.not_taken")))
    elif kind == MEDIA_TAKEN and page.slip_left:
        log.info("results slip taken after the reminder")
        host.update(replace(page, slip_left=False, message=Msg("results2.slip.taken")))
