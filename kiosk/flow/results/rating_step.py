"""Rating step (好差评): level, the level's options, a comment; sent through the outbox."""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kiosk.flow.results import access
from kiosk.flow.results.pages import RatingPage
from kiosk.flow.results.progress_step import problem_message
from kiosk.i18n import Msg
from kiosk.platform_link import PlatformError

if TYPE_CHECKING:
    from kiosk.flow.host import FlowHost

log = logging.getLogger(__name__)
LEVELS = (5, 4, 3, 2, 1)  # 非常满意 满意 基本满意 不满意 非常不满意
GOOD_OPTIONS = ("efficiency", "guide_accuracy", "convenience", "usability")
BAD_OPTIONS = ("slow", "guide_inaccurate", "too_many_trips", "hard_to_use", "staff_attitude")
MAX_COMMENT = 500


def options_for(level: int) -> tuple[str, ...]:
    """Praise for levels 3-5, bad-rating reasons for 1-2 (keys results.rating.option.*)."""
    return GOOD_OPTIONS if level >= 3 else BAD_OPTIONS


def needs_reason(page: RatingPage) -> bool:
    """Levels 1-2 need a ticked reason or a comment."""
    return page.level is not None and page.level <= 2 and not page.chosen and not page.comment.strip()


class RatingStep:
    """Builds the rating on the page and hands it to the outbox."""

    def __init__(self, host: "FlowHost") -> None:
        self.host = host
        self.rated: set[str] = set()  # applications rated from this kiosk (one rating each)

    def choose_level(self, page: RatingPage, level: int) -> None:
        """A level; options of another level are dropped."""
        if level not in LEVELS:
            self.host.update(replace(page, message=Msg("results.rating.bad_level")))
            return
        self.host.update(replace(page, level=level, options=options_for(level),
                                 chosen=page.chosen & frozenset(options_for(level)), message=None))

    def toggle(self, page: RatingPage, option: str) -> None:
        """Tick or untick an option offered for the level."""
        if option not in page.options:
            return
        self.host.update(replace(page, chosen=page.chosen ^ {option}, message=None))

    def comment(self, page: RatingPage, text: str) -> None:
        """The comment, cut at the platform's limit (the message says so)."""
        cut = text[:MAX_COMMENT]
        self.host.update(replace(page, comment=cut, message=Msg("results.rating.comment_cut")
                                 if len(text) > MAX_COMMENT else None))

    def key(self, page: RatingPage, key: str) -> None:
        """One key of the on-screen keypad edits the comment (DEL, SPACE, a digit or letter)."""
        if page.sent:
            return
        if key == "DEL":
            self.comment(page, page.comment[:-1])
        elif key == "SPACE":
            self.comment(page, page.comment + " ")
        elif len(key) == 1 and key.isascii() and key.isalnum():
            self.comment(page, page.comment + key)

    def send(self, page: RatingPage) -> None:
        """Check and enqueue (host lock held)."""
        if page.sent:
            return
        if page.level is None:
            self.host.update(replace(page, message=Msg("results.rating.choose_level")))
            return
        if needs_reason(page):
            self.host.update(replace(page, message=Msg("results.rating.reason_required")))
            return
        if page.application_no in self.rated:
            self.host.update(replace(page, message=Msg("results.error.already_rated")))
            return
        payload = {"application_no": page.application_no, "level": page.level,
                   "reasons": sorted(page.chosen)}
        if page.comment.strip():
            payload["comment"] = page.comment.strip()
        outbox, client = access.outbox(self.host), access.platform(self.host)
        if outbox is not None:
            future = outbox.enqueue_async("evaluation", payload, summary="evaluation")
        elif client is not None:
            future = self.host.executor.submit(client.evaluate, payload)
        else:
            self.host.update(replace(page, message=Msg("results.error.no_platform")))
            return
        self.host.update(replace(page, message=Msg("results.rating.sending")))
        session = self.host.session
        future.add_done_callback(lambda f: self._stored(f, session, page.application_no))

    def _stored(self, future: Any, session: Any, application_no: str) -> None:
        with self.host.lock:
            page = self.host.state.page
            if self.host.session is not session or not isinstance(page, RatingPage):
                return
            error = future.exception()
            if error is None:
                self.rated.add(application_no)
                self.host.update(replace(page, sent=True, message=Msg("results.rating.thanks")))
                return
            log.warning("rating not stored: %s", type(error).__name__)
            msg = problem_message(error) if isinstance(error, PlatformError) else Msg("results.rating.not_stored")
            self.host.update(replace(page, message=msg))
