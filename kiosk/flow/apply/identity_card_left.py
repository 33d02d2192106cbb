"""Card left behind: the resident is asked to take the card (screen and voice), and it is logged masked."""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.flow.state import ATTRACT
from kiosk.i18n import Msg

if TYPE_CHECKING:
    from kiosk.flow.apply.journey import ApplyJourney

log = logging.getLogger(__name__)
REMINDER = "apply.ident.card_left"


def log_left_behind(journey: "ApplyJourney") -> None:
    """At session end: a card still on the reader is logged with the ID number masked."""
    if journey.card_present:
        masked = journey.case.masked if journey.case is not None else ""
        log.warning("apply: a card was left on the reader at the end of the session (%s); "
                    "the attract screen asks for it to be taken", masked or "unread")


def at_session_end(journey: "ApplyJourney") -> Msg | None:
    """The attract screen's reminder while the card is still on the reader."""
    return Msg(REMINDER) if journey.card_present else None


def on_card_event(journey: "ApplyJourney", present: bool) -> bool:
    """The card was taken while the attract screen asked for it: the reminder goes. True if handled."""
    state = journey.host.state
    if present or state.screen != ATTRACT or getattr(state.page, "reminder", None) is None:
        return False
    log.info("apply: the card left on the reader was taken")
    journey.host.update(replace(state.page, reminder=None))
    return True
