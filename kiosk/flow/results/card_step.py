"""Progress by ID card: the card holder, verified by the platform, and all of their applications."""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kiosk.flow.results.card_read import read_card_then_ask
from kiosk.flow.results.pages import Choice, ProgressPage
from kiosk.flow.results.progress_step import problem_message
from kiosk.i18n import Msg
from kiosk.platform_link import PlatformError

if TYPE_CHECKING:
    from kiosk.flow.host import FlowHost

log = logging.getLogger(__name__)


def _verify_and_list(client: Any, record: Any) -> tuple[str, list]:
    """Worker thread: the platform's person_ref for the card, then that person's applications."""
    person = client.verify_identity(method="id_card", id_number=record.id_number, name=record.name)
    return person.person_ref, client.list_applications(person.person_ref)


class CardProgressStep:
    """Reads the card off the UI thread; keeps only the person_ref and their application numbers."""

    def __init__(self, host: "FlowHost") -> None:
        self.host = host
        self.person_ref: str | None = None
        self.owned: frozenset[str] = frozenset()  # application numbers of the card holder

    def reset(self) -> None:
        """Session over: forget the person."""
        self.person_ref, self.owned = None, frozenset()

    def owns(self, application_no: str) -> bool:
        """True when the verified card holder is the applicant of this application."""
        return self.person_ref is not None and application_no in self.owned

    def use_card(self, page: ProgressPage) -> None:
        """Ask for the card (host lock held); the insertion event does the rest."""
        self.host.update(replace(page, message=Msg("results2.card.place")))

    def card_inserted(self) -> None:
        """Read the card on its worker, then verify and list on the executor (host lock held)."""
        page = self.host.state.page
        if isinstance(page, ProgressPage):
            self.host.update(replace(page, busy=True, message=Msg("results.card.reading")))
        read_card_then_ask(self.host, self._say, _verify_and_list, self._listed)

    def _listed(self, future: Any, session: Any) -> None:
        with self.host.lock:
            page = self.host.state.page
            if self.host.session is not session or not isinstance(page, ProgressPage):
                return
            try:
                person_ref, apps = future.result()
            except PlatformError as exc:
                log.info("card holder not verified: %s", getattr(exc, "code", type(exc).__name__))
                msg = (Msg("results.card.unknown") if getattr(exc, "code", "") == "person_unknown"
                       else problem_message(exc))
                self.host.update(replace(page, busy=False, message=msg))
                return
            self.person_ref = person_ref
            self.owned = frozenset(str(a["application_no"]) for a in apps)
            choices = tuple(Choice(str(a["application_no"]), str(a.get("title", "")),
                                   str(a.get("status", ""))) for a in apps)
            if page.application_no:  # a timeline is shown: the card binds the resident to it
                owner = self.owns(page.application_no)
                self.host.update(replace(page, busy=False, identified=owner, message=Msg(
                    "results2.card.owner" if owner else "results.error.not_owner")))
                return
            self.host.update(replace(page, busy=False, identified=True, choices=choices, message=Msg(
                "results2.card.choose" if choices else "results2.card.no_applications")))

    def _say(self, session: Any, msg: Msg) -> None:
        with self.host.lock:
            page = self.host.state.page
            if self.host.session is session and isinstance(page, ProgressPage):
                self.host.update(replace(page, busy=False, message=msg))
