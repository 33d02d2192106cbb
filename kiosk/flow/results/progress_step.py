"""Progress step: an application number (typed or from the receipt QR) -> its timeline."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Callable

from kiosk.flow.results import access
from kiosk.flow.results.pages import STAGES, ProgressPage, Stage
from kiosk.i18n import Msg
from kiosk.platform_link import PlatformError, PlatformRejected

if TYPE_CHECKING:
    from kiosk.flow.host import FlowHost

log = logging.getLogger(__name__)
# statuses in which the promised date does not run: decided, or waiting on the resident (补正
# suspends the time limit)
FINISHED = {"decided_approved", "decided_denied", "result_ready", "delivered", "rejected",
            "supplement_required"}


def stage_of(step: str) -> str:
    """The canonical stage a platform timeline step belongs to."""
    return "decided" if step.startswith("decided") else step


def timeline(steps: tuple[Any, ...]) -> tuple[Stage, ...]:
    """The five canonical stages, each with the last platform step that reached it."""
    seen: dict[str, Any] = {}
    for s in steps:
        seen[stage_of(str(s.get("step", "")))] = s
    return tuple(Stage(name, name in seen, str(seen[name].get("department", "")),
                       str(seen[name].get("at", "")), str(seen[name].get("note", "")))
                 if name in seen else Stage(name, False) for name in STAGES)


def is_late(status: str, promised: str | None, today: dt.date) -> bool:
    """Past the promised date and not decided yet."""
    if not promised or status in FINISHED:
        return False
    try:
        return dt.date.fromisoformat(promised) < today
    except ValueError:
        return False


def supplement_lines(sup: Any) -> tuple[Msg, ...]:
    """Exactly what a 补正 request asks for and why; the card holder may answer it here."""
    if not isinstance(sup, dict):
        return ()
    lines = [Msg.of("results.supplement.due", due=str(sup.get("due", sup.get("due_date", ""))))]
    for m in sup.get("materials", []) or []:
        name = m.get("name", m.get("code", "")) if isinstance(m, dict) else m
        lines.append(Msg.of("results.supplement.material", name=str(name)))
    if sup.get("reason"):
        lines.append(Msg.of("results.supplement.reason", reason=str(sup["reason"])))
    lines.append(Msg("results2.supplement.answer_here"))
    return tuple(lines)


def problem_message(exc: PlatformError) -> Msg:
    """A clear message for a platform refusal or an outage."""
    if isinstance(exc, PlatformRejected):
        return Msg(f"results.error.{exc.code}") if exc.code in KNOWN_CODES else Msg("results.error.rejected")
    return Msg("results.error.offline")


KNOWN_CODES = ("application_unknown", "not_owner", "expired", "already_collected",
               "already_collected_gone", "pickup_code_unknown", "reason_required", "already_rated")


class ProgressStep:
    """Looks an application up on the platform, off the UI thread."""

    def __init__(self, host: "FlowHost", today: Callable[[], dt.date]) -> None:
        self.host, self.today = host, today
        self.owner: Callable[[str], bool] = lambda _no: False  # the verified card holder's?
        self.request: Any = None  # the shown application's 补正 request (for answering it)

    def query(self, page: ProgressPage, number: str) -> None:
        """Start the look-up (host lock held); the answer replaces the page when it comes."""
        client = access.platform(self.host)
        if client is None:
            self.host.update(replace(page, message=Msg("results.error.no_platform")))
            return
        self.host.update(replace(page, busy=True, message=Msg("results.checking")))
        session = self.host.session
        future = self.host.executor.submit(client.get_application, number)
        future.add_done_callback(lambda f: self._answered(f, session, number))

    def _answered(self, future: Any, session: Any, number: str) -> None:
        with self.host.lock:
            page = self.host.state.page
            if self.host.session is not session or not isinstance(page, ProgressPage):
                return
            try:
                app = future.result()
            except PlatformError as exc:
                log.info("progress look-up refused: %s", getattr(exc, "code", type(exc).__name__))
                self.host.update(replace(page, busy=False, message=problem_message(exc)))
                return
            raw_title = ""  # ApplicationStatus keeps no title; the items name the services
            self.request = app.supplement if app.status == "supplement_required" else None
            self.host.update(ProgressPage(
                choices=page.choices, identified=self.owner(app.application_no),
                application_no=app.application_no, title=raw_title, status=app.status,
                stages=timeline(app.timeline), promised_date=app.promised_date,
                late=is_late(app.status, app.promised_date, self.today()),
                supplement=supplement_lines(app.supplement),
                message=Msg(f"results.status.{app.status}") if app.status in STATUSES
                else Msg("results.status.other")))


STATUSES = ("accepted", "rejected", "in_review", "supplement_required", "decided_approved",
            "decided_denied", "result_ready", "delivered")
