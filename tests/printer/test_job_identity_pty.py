"""Printer job identity through the real pty: only a job's own fence reply confirms it (issue 15)."""
import json
import subprocess
import sys

import pytest

from drivers.base import DeviceState, HalError, MediaState
from drivers.printer.base import PrintJob
from drivers.printer.escpos_driver import EscposSerialPrinter
from kiosk.receipts import render_escpos

from printer_helpers import REPO, PtyPrinterSim

pytestmark = pytest.mark.hardware_sim


@pytest.fixture
def make_rig(tmp_path):
    made = []

    def make(script=""):
        sim = PtyPrinterSim(tmp_path, script)
        printer = EscposSerialPrinter("printer", str(sim.link), timeout=0.1, recovery_poll=0.05,
                                      print_time=2.0)
        printer.poll_interval = 0.1
        printer.start()
        made.append((sim, printer))
        return sim, printer

    yield make
    for sim, printer in made:
        printer.stop()
        sim.stop()


def _fences(sim):
    path = sim.out / "fences.txt"
    return path.read_text("ascii").split() if path.exists() else []


def test_stray_zero_during_job_then_paper_out_is_not_ok(make_rig, receipt):
    sim, printer = make_rig("inject=00,paper_out_after=6")
    job = PrintJob(render_escpos(receipt))
    with pytest.raises(HalError) as err:
        printer.print_job(job, wait_for_recovery=False).result(15)
    assert err.value.code == "paper_out"
    assert printer.status().media == MediaState.PAPER_OUT
    assert [s["complete"] for s in sim.slips()] == [False]
    assert printer.diagnostics()["jobs_printed"] == 0


def test_late_confirmation_of_job_1_does_not_confirm_job_2(make_rig, receipt):
    sim, printer = make_rig()
    first = PrintJob(render_escpos(receipt), title="first")
    assert printer.print_job(first).result(15) == first.job_id
    fence1 = _fences(sim)[-1]
    # job 2 starts, job 1's fence reply comes in late, then the paper runs out mid-slip
    sim.control(inject="3722" + fence1 + "00", paper_out_after=6)
    second = PrintJob(render_escpos(receipt), title="second")
    with pytest.raises(HalError) as err:
        printer.print_job(second, wait_for_recovery=False).result(15)
    assert err.value.code == "paper_out"
    assert [s["complete"] for s in sim.slips()] == [True, False]
    assert printer.diagnostics()["jobs_printed"] == 1


def test_each_job_gets_its_own_fence(make_rig, receipt):
    sim, printer = make_rig()
    for title in ("a", "b", "c"):
        printer.print_job(PrintJob(render_escpos(receipt), title=title)).result(15)
    fences = _fences(sim)[1:]  # the first one is the probe at open
    assert len(fences) == 3 and len(set(fences)) == 3
    assert printer.diagnostics()["job_confirmation"] is True


def test_printer_without_fence_support_is_never_reported_done(make_rig, receipt):
    sim, printer = make_rig("no_fence=1")
    job = PrintJob(render_escpos(receipt))
    with pytest.raises(HalError) as err:
        printer.print_job(job).result(20)
    assert err.value.code == "unconfirmed" and "check the slip" in err.value.message
    assert printer.diagnostics()["unconfirmed"] == 1 and printer.pending_jobs() == []
    assert printer.diagnostics()["job_confirmation"] is False  # probed at open
    assert len(sim.slips()) == 1  # it did print, but nobody said so: never claimed done


def test_printer_without_dle_eot_4_is_not_no_answer(make_rig, receipt):
    sim, printer = make_rig("no_eot4=1")
    job = PrintJob(render_escpos(receipt))
    assert printer.print_job(job).result(15) == job.job_id
    st = printer.status()
    assert st.state == DeviceState.ONLINE and st.detail == "paper sensor not supported"
    assert st.media == MediaState.UNKNOWN


def test_printer_without_dle_eot_4_still_sees_paper_end(make_rig, receipt):
    sim, printer = make_rig("no_eot4=1,paper_out_after=0")
    with pytest.raises(HalError) as err:
        printer.print_job(PrintJob(render_escpos(receipt)), wait_for_recovery=False).result(15)
    assert err.value.code == "paper_out"


def test_duplicate_replies_while_out_of_paper_are_paper_out(make_rig, receipt):
    sim, printer = make_rig("dup_replies=1,paper_out_after=0")
    with pytest.raises(HalError) as err:
        printer.print_job(PrintJob(render_escpos(receipt)), wait_for_recovery=False).result(15)
    assert err.value.code == "paper_out"
    assert printer.status().state == DeviceState.USER_ERROR


def _print_test(sim):
    proc = subprocess.run([sys.executable, "-m", "kiosk.diag.cli", "print-test", "--port",
                           str(sim.link), "--timeout", "0.1", "--wait", "8"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    return proc.returncode, json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("script,code", [("inject=00,paper_out_after=6", "paper_out"),
                                         ("no_fence=1", "unconfirmed")])
def test_print_test_never_ok_without_its_confirmation(tmp_path, script, code):
    sim = PtyPrinterSim(tmp_path, script)
    try:
        rc, out = _print_test(sim)
    finally:
        sim.stop()
    assert rc == 1 and out["ok"] is False and out["error"] == code


def _pty_sim(*args):
    return subprocess.run([sys.executable, "-m", "drivers.printer.sim.pty", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=30)


def test_pty_sim_link_never_deletes_a_file(tmp_path):
    victim = tmp_path / "notes.txt"
    victim.write_text("keep me", "utf-8")
    proc = _pty_sim("--link", str(victim), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and "already exists" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert victim.read_text("utf-8") == "keep me"
    other = tmp_path / "other_link"
    other.symlink_to(victim)
    proc = _pty_sim("--link", str(other), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and other.is_symlink() and victim.exists()


@pytest.mark.parametrize("script,words", [("paper_out_after=lots", "whole number"),
                                          ("inject=zz", "hex"), ("colour=red", "unknown")])
def test_pty_sim_malformed_script_is_a_clear_error(tmp_path, script, words):
    proc = _pty_sim("--link", str(tmp_path / "p0"), "--out", str(tmp_path / "out"),
                    "--script", script)
    assert proc.returncode == 2 and words in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "p0").exists()


def test_pty_sim_bad_control_file_keeps_running(make_rig, receipt):
    sim, printer = make_rig()
    sim.control(paper_out_after="soon")
    job = PrintJob(render_escpos(receipt))
    assert printer.print_job(job).result(15) == job.job_id
    assert sim.proc.poll() is None
