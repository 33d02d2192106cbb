"""The staff screen's actions; each one is audited with the staff number and no residents' data."""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from drivers.printer.base import PrintJob
from kiosk.flow.staff import intents as si
from kiosk.flow.staff.pages import STAFF
from kiosk.i18n import Msg
from kiosk.receipts import Align, Cut, KeyValue, Receipt, Separator, Text, Title, render_escpos

if TYPE_CHECKING:
    from kiosk.flow.staff.journey import StaffJourney


def diagnostic_slip_job(staff: str, version: str) -> PrintJob:
    """The printer test slip staff print from the screen (Chinese text, sizes, a cut)."""
    receipt = Receipt.of(
        Title("打印测试"), Text("OneTrip Kiosk print test", align=Align.CENTER), Separator(),
        KeyValue("版本 Version", version), KeyValue("员工 Staff", staff),
        KeyValue("时间 Time", time.strftime("%Y-%m-%d %H:%M:%S")),
        Text("中文：政务服务“最多跑一次”。", bold=True), Cut())
    return PrintJob(render_escpos(receipt), title="print-test")


class ActionsStep:
    """Runs an action, shows its outcome as the page's message, writes the audit line."""

    def __init__(self, journey: "StaffJourney") -> None:
        self.journey = journey
        self.host = journey.host

    def handlers(self) -> dict:
        """The staff screen's intents."""
        return {si.RefreshStaff: lambda _i: self.journey.refresh_staff(),
                si.PrintTestSlip: self.print_test, si.MarkPaperReplaced: self.paper_replaced,
                si.OpenLockerDoor: self.open_locker, si.TakeOutOfService: self.out_of_service,
                si.BackInService: self.back_in_service, si.RestartApp: self.restart,
                si.RetryOutboxItem: self.retry, si.AcknowledgeCall: self.acknowledge}

    @property
    def staff(self) -> str:
        """The logged-in staff number ("-" when none)."""
        return self.journey.staff_no or "-"

    def _done(self, action: str, message: Msg, **fields: Any) -> None:
        self.journey.audit(self.staff, action, **fields)
        self.journey.refresh_staff(message)

    def _on_handle(self, handle: Any, action: str, ok: Msg, failed: str, **fields: Any) -> None:
        session = self.journey.staff_session

        def done(h: Any) -> None:
            with self.host.lock:
                error = h.exception()
                code = getattr(error, "code", type(error).__name__) if error else ""
                self.journey.audit(self.staff, action, ok=error is None, error=code, **fields)
                if session == self.journey.staff_session and self.host.state.screen == STAFF:
                    self.journey.refresh_staff(ok if error is None else
                                               Msg.of(failed, error=code))
        handle.add_done_callback(done)

    def print_test(self, _: si.PrintTestSlip) -> None:
        """Queue the test slip; the outcome comes back from the printer's thread."""
        job = diagnostic_slip_job(self.staff, self.journey.services.version)
        self.journey.refresh_staff(Msg("staff.action.printing"))
        self._on_handle(self.host.devices.printer.print_job(job), "print_test",
                        Msg("staff.action.printed"), "staff.action.print_failed")

    def paper_replaced(self, _: si.MarkPaperReplaced) -> None:
        """Tell the printer (when its driver counts paper) and record it."""
        reset = getattr(self.host.devices.printer, "paper_replaced", None)
        if callable(reset):
            reset()
        self._done("paper_replaced", Msg("staff.action.paper_replaced"))

    def open_locker(self, intent: si.OpenLockerDoor) -> None:
        """Open one door for maintenance."""
        self._on_handle(self.host.devices.locker.open_door(intent.lock), "open_locker",
                        Msg.of("staff.action.locker_opened", door=intent.lock),
                        "staff.action.locker_failed", door=intent.lock)

    def out_of_service(self, _: si.TakeOutOfService) -> None:
        """Residents see the out-of-service screen once staff leave."""
        self.journey.services.state.take_out_of_service(f"staff:{self.staff}", "staff")
        self._done("out_of_service", Msg("staff.action.out_of_service"))

    def back_in_service(self, _: si.BackInService) -> None:
        """Residents see the attract screen once staff leave."""
        self.journey.services.state.back_in_service(f"staff:{self.staff}")
        self._done("back_in_service", Msg("staff.action.back_in_service"))

    def restart(self, _: si.RestartApp) -> None:
        """Ask the app to exit for a restart (the app decides when: between frames)."""
        self.journey.audit(self.staff, "restart")
        self.journey.services.state.request_restart(f"staff:{self.staff}")

    def retry(self, intent: si.RetryOutboxItem) -> None:
        """failed -> queued for one item, on the executor (a disk write)."""
        box = self.journey.services.outbox
        if box is None:
            self.journey.refresh_staff(Msg("staff.action.no_outbox"))
            return
        session = self.journey.staff_session

        def run() -> Msg:
            try:
                box.retry(intent.ref)
                return Msg.of("staff.action.retried", ref=intent.ref)
            except Exception as exc:  # OutboxStateError / unknown ref: a message, nothing lost
                return Msg.of("staff.action.retry_failed", ref=intent.ref,
                              error=type(exc).__name__)

        def done(future: Any) -> None:
            message = future.result()
            with self.host.lock:
                self.journey.audit(self.staff, "outbox_retry", ref=intent.ref,
                                   ok=message.key == "staff.action.retried")
                if session == self.journey.staff_session:
                    self.journey.refresh_staff(message)
        self.host.executor.submit(run).add_done_callback(done)

    def acknowledge(self, _: si.AcknowledgeCall) -> None:
        """Staff came: clear the banner."""
        answered = self.journey.calls
        self.journey.calls = 0
        self._done("call_answered", Msg("staff.action.call_answered"), calls=answered)
