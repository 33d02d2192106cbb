"""Print step: send the open guide's notice slip to the printer and report how it went."""
from __future__ import annotations

from typing import TYPE_CHECKING

from drivers.base import CommandHandle, HalError
from drivers.printer.base import PrintJob
from kiosk.flow.browse import intents as bi
from kiosk.flow.browse.pages import DONE, PRINTING, PrintPage
from kiosk.i18n import Msg, default_strings

if TYPE_CHECKING:
    from kiosk.flow.host import FlowHost

PRINT_TIMEOUT_S = 60.0


def print_error_message(error: BaseException) -> Msg:
    """The resident-facing message for a failed print (specific when the HAL code is known)."""
    code = error.code if isinstance(error, HalError) else "driver_error"
    key = f"print.error.{code}"
    return Msg(key) if key in default_strings() else Msg("print.error.other")


class PrintStep:
    """One print at a time; a print finishing after the resident left changes nothing."""

    def __init__(self, host: "FlowHost") -> None:
        self.host = host
        self._handle: CommandHandle | None = None

    def handlers(self) -> dict:
        """Intent type -> handler."""
        return {bi.PrintGuide: self.print_guide}

    def print_guide(self, _: bi.PrintGuide) -> None:

        """Queue the notice slip and show the printing screen at once."""
        state = self.host.state
        guide = state.page.guide
        # a printer known to be missing, offline or out of paper fails at once with the reason,
        # instead of "Printing…" until the timeout
        blocked = self.host.content.device_blocked("printer", self.host.devices.statuses())
        if blocked is not None:
            self.host.show(DONE, PrintPage("failed", blocked, guide.url), remember=True)
            return
        data = self.host.content.notice_slip(guide, state.language, large=state.elder_mode)
        printer = self.host.devices.printer
        self.host.show(PRINTING, PrintPage("printing", Msg("print.printing"), guide.url),
                       remember=True)
        handle = printer.print_job(PrintJob(data=data, title=guide.code), timeout=PRINT_TIMEOUT_S)
        self._handle = handle
        handle.add_done_callback(self._finished)

    def _finished(self, handle: CommandHandle) -> None:
        """Device thread: show the outcome if the resident still waits for it."""
        with self.host.lock:
            if handle is not self._handle or self.host.state.screen != PRINTING:
                return  # the session moved on (timeout, home) while printing
            self._handle = None
            error = handle.exception()
            url = self.host.state.page.url
            page = PrintPage("done", Msg("print.done"), url) if error is None else \
                PrintPage("failed", print_error_message(error), url)
            self.host.show(DONE, page)

    def reset(self) -> None:
        """The slip still prints; nobody waits for it."""
        self._handle = None
