"""Printer simulator: every script step (paper low, out, refill, receipt taken) and its events."""
from __future__ import annotations

import pytest

from drivers.base import HalError, MediaState
from drivers.events import JobDone, MediaTaken, PaperLow, PaperOut
from drivers.printer.base import PrintJob
from drivers.printer.simulator import SimulatedPrinter
from testkit.fixtures import clock, run_sim  # noqa: F401 (fixtures)
from testkit.waiting import wait_for

ESC_HELLO = b"\x1b@hello\n\x1dV\x00"


def test_paper_low_then_out_then_refill(clock, run_sim):
    printer = SimulatedPrinter(print_delay=0.0, options={"script": [
        {"wait": 1, "do": "paper_low"}, {"wait": 1, "do": "paper_out"},
        {"wait": 1, "do": "refill"}]}, clock=clock)
    rec = run_sim(printer)
    clock.advance(1)
    rec.wait_for(PaperLow)
    wait_for(lambda: printer.status().media == MediaState.PAPER_LOW, "paper low status")
    assert printer.print_job(PrintJob(ESC_HELLO)).result(5)  # low paper still prints
    clock.advance(1)
    rec.wait_for(PaperOut)
    with pytest.raises(HalError) as info:
        printer.print_job(PrintJob(ESC_HELLO)).result(5)
    assert info.value.code == "paper_out" and info.value.action.value == "replace_media"
    clock.advance(1)
    wait_for(lambda: printer.status().media == MediaState.PAPER_FULL, "refilled")
    assert printer.print_job(PrintJob(ESC_HELLO)).result(5)


def test_take_receipt_step_reports_media_taken_only_after_a_print(clock, run_sim):
    printer = SimulatedPrinter(print_delay=0.0, options={"script": [
        {"wait": 1, "do": "take_receipt"}, {"wait": 1, "do": "take_receipt"}]}, clock=clock)
    rec = run_sim(printer)
    clock.advance(1)
    wait_for(lambda: printer.player.played == 1, "first step")
    assert rec.of_type(MediaTaken) == []  # nothing printed, nothing to take
    job = PrintJob(ESC_HELLO)
    printer.print_job(job).result(5)
    assert rec.wait_for(JobDone).job_id == job.job_id
    clock.advance(1)
    rec.wait_for(MediaTaken)


