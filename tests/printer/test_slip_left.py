"""A printed slip left at the exit: the simulator says so once after slip_left_s; taking it clears."""
from __future__ import annotations

import time

from drivers.events import MediaTaken
from drivers.printer.base import SLIP_LEFT, PrintJob
from drivers.printer.simulator import SimulatedPrinter, make
from testkit.fixtures import clock, run_sim  # noqa: F401 (fixtures)
from testkit.waiting import wait_for

SLIP = b"\x1b@slip\n\x1dV\x00"


def test_slip_left_once_then_taken(clock, run_sim):
    printer = SimulatedPrinter(print_delay=0.0, clock=clock, slip_left_s=20)
    rec = run_sim(printer)
    assert printer.print_job(PrintJob(SLIP)).result(5)
    assert printer.slip_at_exit
    clock.advance(19)
    clock.advance(0.5)
    assert not any(e.kind == SLIP_LEFT for e in rec.events)
    clock.advance(1)
    wait_for(lambda: any(e.kind == SLIP_LEFT for e in rec.events), "slip left announced")
    clock.advance(30)
    printer.take_receipt()
    rec.wait_for(MediaTaken)
    assert [e.kind for e in rec.events].count(SLIP_LEFT) == 1  # once per slip
    assert not printer.slip_at_exit


def test_a_slip_taken_in_time_is_never_announced(clock, run_sim):
    printer = SimulatedPrinter(print_delay=0.0, clock=clock, slip_left_s=20)
    rec = run_sim(printer)
    printer.print_job(PrintJob(SLIP)).result(5)
    clock.advance(5)
    printer.take_receipt()
    rec.wait_for(MediaTaken)
    clock.advance(60)
    time.sleep(0.3)  # several polls (every 0.05 s) with the clock past the limit
    assert not any(e.kind == SLIP_LEFT for e in rec.events)


def test_factory_reads_the_setting():
    assert make("printer", {"slip_left_s": 7}).slip_left_s == 7.0
