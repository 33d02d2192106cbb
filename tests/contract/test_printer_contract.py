"""Printer contract: the in-process simulator and the ESC/POS driver over a pty, same assertions."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from drivers.base import DeviceState, HalError, MediaState
from drivers.events import JobDone, PaperLow, PaperOut
from drivers.printer.base import PrintJob, ReceiptPrinter
from drivers.printer.escpos_driver import EscposSerialPrinter
from drivers.printer.simulator import SimulatedPrinter
from testkit.recorder import EventRecorder
from testkit.waiting import wait_for
from tests.contract.contract_checks import (check_diagnostics_redacted, check_events_typed,
                                            check_status_vocabulary, check_stop_joins)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "printer"))
from printer_helpers import PtyPrinterSim  # noqa: E402

PRINTER_MEDIA = {MediaState.UNKNOWN, MediaState.PAPER_FULL, MediaState.PAPER_LOW,
                 MediaState.PAPER_OUT, MediaState.JAMMED}
SLIP = "Ms Zhang San 11010519491231002X".encode()  # personal data on a slip
JOB = b"\x1b@" + SLIP + b"\n\n\n\x1dV\x00"


class SimRig:
    """The in-process simulator."""

    def __init__(self, _tmp: Path) -> None:
        self.printer = SimulatedPrinter(print_delay=0.0, options={"script": []})

    def paper_low(self) -> None:
        self.printer.do_by_hand("paper_low")

    def paper_out(self) -> None:
        self.printer.do_by_hand("paper_out")

    def close(self) -> None:
        """Nothing outside the process."""


class PtyRig:
    """The ESC/POS driver against the printer simulator process on a pty."""

    def __init__(self, tmp: Path) -> None:
        self.sim = PtyPrinterSim(tmp, "")
        self.printer = EscposSerialPrinter("printer", str(self.sim.link), timeout=0.1,
                                           recovery_poll=0.05)
        self.printer.poll_interval = 0.1

    def paper_low(self) -> None:
        self.sim.control(paper_out_after=400, near_end_at=500)

    def paper_out(self) -> None:
        self.sim.control(paper_out_after=0)

    def close(self) -> None:
        self.sim.stop()


@pytest.fixture(params=["simulator", "escpos_pty"])
def rig(request, tmp_path):
    r = (SimRig if request.param == "simulator" else PtyRig)(tmp_path)
    rec = EventRecorder()
    r.printer.add_listener(rec)
    r.printer.start()
    try:
        yield r, rec
    finally:
        r.printer.stop()
        r.close()


def test_printer_contract(rig):
    r, rec = rig
    printer = r.printer
    assert isinstance(printer, ReceiptPrinter)
    wait_for(lambda: printer.status().state == DeviceState.ONLINE, "online")
    check_status_vocabulary(printer.status(), PRINTER_MEDIA)
    job = PrintJob(JOB, title="contract")
    assert printer.print_job(job, 15).result(20) == job.job_id  # the handle resolves
    assert rec.wait_for(JobDone, lambda e: e.job_id == job.job_id)
    r.paper_low()
    rec.wait_for(PaperLow)
    wait_for(lambda: printer.status().media == MediaState.PAPER_LOW, "paper low status")
    r.paper_out()
    rec.wait_for(PaperOut)
    wait_for(lambda: printer.status().media == MediaState.PAPER_OUT, "paper out status")
    failed = printer.print_job(PrintJob(JOB), 0.5)  # fails (or times out) with a HalError
    with pytest.raises(HalError):
        failed.result(10)
    check_status_vocabulary(printer.status(), PRINTER_MEDIA)
    check_events_typed(rec, "printer")
    check_diagnostics_redacted(printer.diagnostics(), ["Zhang San", "11010519491231002X"])
    check_stop_joins(printer)
