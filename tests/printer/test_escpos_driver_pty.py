"""The real ESC/POS driver against the printer simulator running as a separate process on a pty."""

import pytest
import zxingcpp
from PIL import Image

from drivers.base import DeviceState, HalError, MediaState
from drivers.printer.base import JOB_DONE, PAPER_LOW, PAPER_OUT, PrintJob
from drivers.printer.escpos_driver import EscposSerialPrinter
from kiosk.receipts import render_escpos

from printer_helpers import PtyPrinterSim
from testkit.recorder import EventRecorder

pytestmark = pytest.mark.hardware_sim


class Recorder(EventRecorder):
    """The shared recorder; wait_for(pred, timeout) as these tests call it."""

    def wait_for(self, pred, timeout=10.0):  # noqa: D102 - narrower signature for this file
        return super().wait_for(pred, limit_s=timeout)


@pytest.fixture
def rig(tmp_path, request):
    script = getattr(request, "param", "")
    sim = PtyPrinterSim(tmp_path, script)
    printer = EscposSerialPrinter("printer", str(sim.link), timeout=0.1, recovery_poll=0.05)
    printer.poll_interval = 0.1
    rec = Recorder()
    printer.add_listener(rec)
    printer.start()
    try:
        yield sim, printer, rec
    finally:
        printer.stop()
        sim.stop()


def _status_is(rec, state, media=None):
    return lambda e: (e.kind == "status" and e.data["status"].state == state
                      and (media is None or e.data["status"].media == media))


def test_prints_receipt_png_with_decodable_qr(rig, receipt, guide_url):
    sim, printer, rec = rig
    job = PrintJob(render_escpos(receipt), title="acceptance")
    assert printer.print_job(job).result(15) == job.job_id
    slips = sim.slips()
    assert len(slips) == 1 and slips[0]["complete"]
    assert slips[0]["lines"][0] == "受理回执"
    assert slips[0]["qr"] == [guide_url]
    img = Image.open(sim.out / slips[0]["file"])
    assert [r.text for r in zxingcpp.read_barcodes(img)] == [guide_url]
    assert JOB_DONE in rec.kinds()
    # the same job again is never printed twice
    assert printer.print_job(job).result(5) == job.job_id
    assert len(sim.slips()) == 1


@pytest.mark.parametrize("rig", ["paper_out_after=6"], indirect=True)
def test_paper_out_mid_receipt_reprints_in_full_once(rig, receipt):
    sim, printer, rec = rig
    job = PrintJob(render_escpos(receipt))
    handle = printer.print_job(job, timeout=30)
    rec.wait_for(lambda e: e.kind == PAPER_OUT)
    assert printer.status().media == MediaState.PAPER_OUT
    assert not handle.done() and printer.pending_jobs() == [job.job_id]
    sim.control(load_paper=True)
    assert handle.result(15) == job.job_id
    slips = sim.slips()
    torn = [s for s in slips if not s["complete"]]
    complete = [s for s in slips if s["complete"]]
    assert len(torn) == 1 and len(complete) == 1
    assert complete[0]["lines"][0] == "受理回执" and complete[0]["qr"]
    assert len(torn[0]["lines"]) < len(complete[0]["lines"])
    assert printer.diagnostics()["reprints"] == 1
    assert printer.pending_jobs() == []


@pytest.mark.parametrize("rig", ["paper_out_after=0"], indirect=True)
def test_job_survives_its_handle_timing_out(rig, receipt):
    sim, printer, rec = rig
    job = PrintJob(render_escpos(receipt))
    handle = printer.print_job(job, timeout=0.3)
    with pytest.raises(HalError) as err:
        handle.result(10)
    assert err.value.code == "timeout"
    assert printer.pending_jobs() == [job.job_id]
    sim.control(load_paper=True)
    rec.wait_for(lambda e: e.kind == JOB_DONE and e.data["job_id"] == job.job_id)
    assert [s["complete"] for s in sim.slips()] == [True]
    assert printer.print_job(job).result(5) == job.job_id  # resubmitting: not printed again
    assert len(sim.slips()) == 1


@pytest.mark.parametrize("rig,code,state", [
    ("cover_open=1", "cover_open", DeviceState.USER_ERROR),
    ("offline=1", "offline", DeviceState.OFFLINE),
    ("silent=1", "no_answer", DeviceState.OFFLINE),
    ("cutter_error=1", "cutter_error", DeviceState.HARDWARE_ERROR),
    ("unrecoverable=1", "unrecoverable_error", DeviceState.HARDWARE_ERROR),
    ("garbage=1", "status_garbled", DeviceState.OFFLINE),
    ("paper_out_after=0", "paper_out", DeviceState.USER_ERROR),
], indirect=["rig"])
def test_conditions_map_to_status_and_errors(rig, receipt, code, state):
    sim, printer, rec = rig
    rec.wait_for(_status_is(rec, state))
    assert printer.status().state == state and printer.status().state != DeviceState.ONLINE
    with pytest.raises(HalError) as err:
        printer.print_job(PrintJob(render_escpos(receipt)), wait_for_recovery=False).result(10)
    assert err.value.code == code
    assert code in rec.codes()
    assert sim.slips() == [] and printer.pending_jobs() == []


@pytest.mark.parametrize("rig", ["paper_out_after=400,near_end_at=500"], indirect=True)
def test_paper_near_end_is_reported_but_prints(rig, receipt):
    sim, printer, rec = rig
    rec.wait_for(lambda e: e.kind == PAPER_LOW)
    assert printer.status().media == MediaState.PAPER_LOW
    assert printer.status().state == DeviceState.ONLINE
    job = PrintJob(render_escpos(receipt))
    assert printer.print_job(job).result(15) == job.job_id
    assert sim.slips()[0]["complete"]


def test_cover_opened_then_closed_recovers(rig):
    sim, printer, rec = rig
    rec.wait_for(_status_is(rec, DeviceState.ONLINE))
    sim.control(cover_open=True)
    rec.wait_for(lambda e: e.kind == "cover_open")
    sim.control(cover_open=False)
    rec.wait_for(lambda e: e.kind == "status" and e.data["status"].state == DeviceState.ONLINE
                 and rec.events.index(e) > rec.kinds().index("cover_open"))


def test_missing_port_is_no_device(tmp_path):
    printer = EscposSerialPrinter("printer", str(tmp_path / "nothing"), timeout=0.1)
    printer.poll_interval = 0.1
    printer.start()
    try:
        handle = printer.print_job(PrintJob(b"\x1b@x\n"), timeout=5, wait_for_recovery=False)
        with pytest.raises(HalError):
            handle.result(10)
        assert printer.status().state == DeviceState.NO_DEVICE
    finally:
        printer.stop()
