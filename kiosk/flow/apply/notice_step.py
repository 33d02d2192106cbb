"""Print the one feedback (一次性告知) from the materials screen: everything missing, at once."""
from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drivers.printer.base import PrintJob
from kiosk.flow.apply.notice_slip import one_time_notice_bytes
from kiosk.flow.apply.pages import MATERIALS
from kiosk.flow.intents import Intent
from kiosk.i18n import Msg

if TYPE_CHECKING:
    from kiosk.flow.apply.journey import ApplyJourney

log = logging.getLogger(__name__)
PRINT_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class PrintOneTimeNotice(Intent):
    """Print what is still missing (and the bundle items done elsewhere) as a one-time notice."""


class NoticeStep:
    """Sends the one-time notice to the printer and says on the materials page how it went."""

    def __init__(self, journey: "ApplyJourney") -> None:
        self.journey = journey
        self.host = journey.host

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {PrintOneTimeNotice: self.print_notice}

    def print_notice(self, _: PrintOneTimeNotice) -> None:
        """Print the missing materials and the items done elsewhere (nothing to say: nothing printed)."""
        case = self.journey.case
        subject = self.journey.subject(case)
        missing = self.journey.materials.missing(case)
        if not missing and not subject.elsewhere:
            return
        lang, content = self.host.state.language, self.host.content
        data = one_time_notice_bytes(subject, missing, lang, content.tr,
                                     issued_by=content.profile.name[lang])
        self._say(Msg("bundle.notice.printing"))
        handle = self.host.devices.printer.print_job(PrintJob(data=data, title="one-time notice"),
                                                     timeout=PRINT_TIMEOUT_S)
        token = case.token
        handle.add_done_callback(lambda h: self._printed(token, h))

    def _say(self, message: Msg) -> None:
        self.host.update(dataclasses.replace(self.host.state.page, notice=message))

    def _printed(self, token: object, handle) -> None:
        with self.host.lock:
            if self.journey.current(token, MATERIALS) is None:
                return
            error = handle.exception()
            if error is not None:
                log.info("apply: one-time notice not printed (%s)", type(error).__name__)
            self._say(Msg("bundle.notice.printed" if error is None else "bundle.notice.print_failed"))
