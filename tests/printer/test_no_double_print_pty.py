"""A printer that answers nothing for a while mid-job never gets the job twice (issue 15: nothing done twice).

Seen under load: the simulator, busy drawing the slip, answered no status query for ~1 s; the driver
took the silence for a stop, cleared the buffer and resent the job, and a second slip came out.
busy_ms makes that silence happen on every run, whatever the machine's load.
"""
import pytest

from drivers.base import HalError
from drivers.printer.base import PrintJob
from drivers.printer.escpos_driver import EscposSerialPrinter
from kiosk.receipts import render_escpos

from printer_helpers import PtyPrinterSim

pytestmark = pytest.mark.hardware_sim


@pytest.fixture
def rig(request, tmp_path):
    sim = PtyPrinterSim(tmp_path, request.param)
    # print_time 2 s: the job's fence is awaited ~3 s in all (the 9600 baud wire time included)
    printer = EscposSerialPrinter("printer", str(sim.link), timeout=0.1, recovery_poll=0.05,
                                  print_time=2.0)
    printer.poll_interval = 0.1
    printer.start()
    yield sim, printer
    printer.stop()
    sim.stop()


@pytest.mark.parametrize("rig", ["busy_ms=1200"], indirect=True)
def test_silence_while_the_slip_prints_is_not_a_stop(rig, receipt):
    sim, printer = rig
    job = PrintJob(render_escpos(receipt), title="busy")
    assert printer.print_job(job).result(20) == job.job_id
    assert [s["complete"] for s in sim.slips()] == [True]
    assert printer.diagnostics()["reprints"] == 0
    assert printer.diagnostics()["jobs_printed"] == 1


@pytest.mark.parametrize("rig", ["busy_ms=4500"], indirect=True)
def test_printer_silent_past_the_fence_wait_is_unconfirmed_not_resent(rig, receipt):
    sim, printer = rig
    job = PrintJob(render_escpos(receipt), title="silent")
    with pytest.raises(HalError) as err:
        printer.print_job(job).result(20)
    assert err.value.code == "unconfirmed" and "check the slip" in err.value.message
    assert printer.pending_jobs() == []  # not kept for a reprint once the printer answers again
    sim.stop()  # lets the printer finish its pause and exit: nothing more can reach the paper
    assert [s["complete"] for s in sim.slips()] == [True]
    assert printer.diagnostics()["reprints"] == 0
