"""A slip left at a kiosk printer's exit: the real ESC/POS driver reads the presenter sensor
(DLE EOT 20) of the printer simulator process on a pty, announces the slip once, then its taking."""
import pytest

from drivers.events import MediaTaken
from drivers.printer.base import JOB_DONE, SLIP_LEFT, PrintJob
from drivers.printer.escpos_driver import EscposSerialPrinter
from drivers.printer.escpos_presenter import slip_at_exit
from kiosk.receipts import Cut, Receipt, Text, render_escpos

from printer_helpers import PtyPrinterSim
from testkit.recorder import EventRecorder

pytestmark = pytest.mark.hardware_sim
SLIP = render_escpos(Receipt.of(Text("slip"), Cut()))


def start(tmp_path, script: str, presenter: bool = True):
    sim = PtyPrinterSim(tmp_path, script)
    printer = EscposSerialPrinter("printer", str(sim.link), timeout=0.1, recovery_poll=0.05,
                                  presenter=presenter, slip_left_s=0.3)
    printer.poll_interval = 0.1
    rec = EventRecorder()
    printer.add_listener(rec)
    printer.start()
    return sim, printer, rec


def test_full_status_bytes():
    assert slip_at_exit(b"\x10\x0f\x20\x00\x00\x00") is True
    assert slip_at_exit(b"\x12\x10\x0f\x00\x00\x00\x00") is False  # after a stray byte
    assert slip_at_exit(b"\x10\x0f\x20\x00") is None  # torn answer


def test_slip_left_at_the_exit_is_announced_once_then_taken(tmp_path):
    sim, printer, rec = start(tmp_path, "presenter=1")
    try:
        printer.print_job(PrintJob(SLIP)).result(15)
        rec.wait_for(lambda e: e.kind == JOB_DONE)
        rec.wait_for(lambda e: e.kind == SLIP_LEFT)
        sim.control(take_slip=True)
        rec.wait_for(MediaTaken)
        assert len(rec.of(SLIP_LEFT)) == 1
        printer.print_job(PrintJob(SLIP)).result(15)  # the next slip is watched afresh
        rec.wait_for(lambda e: e.kind == SLIP_LEFT and e is not rec.of(SLIP_LEFT)[0])
    finally:
        printer.stop()
        sim.stop()


def test_without_a_presenter_nothing_is_asked_or_announced(tmp_path):
    sim, printer, rec = start(tmp_path, "", presenter=False)
    try:
        printer.print_job(PrintJob(SLIP)).result(15)
        rec.wait_for(lambda e: e.kind == JOB_DONE)
        assert printer.slip_watch is None and not rec.of(SLIP_LEFT)
    finally:
        printer.stop()
        sim.stop()


def test_a_printer_that_does_not_answer_the_full_status_is_never_announced(tmp_path):
    sim, printer, rec = start(tmp_path, "")  # presenter set in the kiosk, printer without one
    try:
        printer.print_job(PrintJob(SLIP)).result(15)
        rec.wait_for(lambda e: e.kind == JOB_DONE)
        sim.control(load_paper=True)  # a few more polls go by
        rec.wait_for(lambda e: e.kind == "status")
        assert not rec.of(SLIP_LEFT) and printer.slip_watch.since is None
    finally:
        printer.stop()
        sim.stop()
