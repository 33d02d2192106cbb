"""Card-reader, printer and document-camera simulators: every script step and its events."""
from __future__ import annotations

import numpy as np
import pytest

from drivers.base import DeviceState, HalError, MediaState
from drivers.card_reader.simulator import SAMPLE_PERSON, SimulatedCardReader
from drivers.document_camera.base import CapturedPage
from drivers.document_camera.detect import detect
from drivers.document_camera.simulator import SimulatedDocumentCamera
from drivers.events import (CardInserted, CardRemoved, JobDone, MediaTaken, PageCaptured,
                            PageDetected, PaperLow, PaperOut, StatusChanged)
from drivers.printer.base import PrintJob
from drivers.printer.simulator import SimulatedPrinter
from testkit.waiting import wait_for

ESC_HELLO = b"\x1b@hello\n\x1dV\x00"


# --- card reader ------------------------------------------------------------------------------
def test_card_placed_read_and_removed_by_script(clock, run_sim):
    reader = SimulatedCardReader(read_delay=0.0, options={"script": [
        {"wait": 1, "do": "place_card"}, {"wait": 1, "do": "remove_card"}]}, clock=clock)
    rec = run_sim(reader)
    clock.advance(1)
    assert rec.wait_for(CardInserted).reader == "simulated"
    assert reader.status().media == MediaState.PRESENT
    person = reader.read_card(5).result(5)
    assert person == SAMPLE_PERSON and "张三" not in repr(person)  # the fictitious resident, masked
    clock.advance(1)
    rec.wait_for(CardRemoved)
    wait_for(lambda: reader.status().media == MediaState.ABSENT, "media absent")


def test_unreadable_card_fails_with_a_hal_error(clock, run_sim):
    reader = SimulatedCardReader(read_delay=0.0, options={"script": [
        {"do": "place_unreadable_card"}]}, clock=clock)
    rec = run_sim(reader)
    rec.wait_for(CardInserted)
    with pytest.raises(HalError) as info:
        reader.read_card(5).result(5)
    assert info.value.code == "read_failed"


def test_card_reader_offline_step_fails_reads(clock, run_sim):
    reader = SimulatedCardReader(options={"script": [{"do": "go_offline"}]}, clock=clock)
    rec = run_sim(reader)
    rec.wait_for(StatusChanged, lambda e: e.status.state == DeviceState.OFFLINE)
    with pytest.raises(HalError) as info:
        reader.read_card(2).result(5)
    assert info.value.code == "offline"


# --- printer ---------------------------------------------------------------------------------
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


# --- document camera --------------------------------------------------------------------------
@pytest.mark.parametrize("page,fmt", [("form", "A4"), ("letter", "A4"), ("id_card", "ID-1")])
def test_lay_page_is_detected_then_captured_like_the_real_camera(clock, run_sim, page, fmt):
    cam = SimulatedDocumentCamera(options={"script": [{"wait": 1, "do": "lay_page", "page": page}],
                                           "settle_s": 0.5}, clock=clock)
    rec = run_sim(cam)
    clock.advance(1)
    first = rec.wait_for(PageDetected)
    assert first.hint == "hold_still" and cam.status().media == MediaState.PRESENT
    found = detect(cam.latest_frame())  # the preview frame is a real picture the detector reads
    assert found is not None and np.abs(found.corners - np.float32(first.corners)).max() < 3
    clock.advance(0.5)
    captured = rec.wait_for(PageCaptured)
    assert isinstance(captured.page, CapturedPage) and captured.page.format == fmt == captured.format
    assert captured.image is captured.page.image and captured.page.dpi == 200
    assert rec.wait_for(PageDetected, lambda e: e.hint == "ok")
    # capture() returns the same CapturedPage type; the page in view counts
    page_again = cam.capture(5).result(5)
    assert isinstance(page_again, CapturedPage) and page_again.format == fmt
    h, w = page_again.image.shape[:2]
    assert (h > w) == (fmt == "A4")


def test_image_step_and_take_page(clock, run_sim, tmp_path):
    import cv2
    from drivers.document_camera import page_image
    path = tmp_path / "sample.png"
    cv2.imwrite(str(path), page_image.page("letter", seed=3))
    cam = SimulatedDocumentCamera(options={"script": [
        {"do": "lay_page", "image": str(path)}, {"wait": 2, "do": "take_page"}],
        "settle_s": 0.0}, clock=clock)
    rec = run_sim(cam)
    assert rec.wait_for(PageCaptured).format == "A4"
    clock.advance(2)
    rec.wait_for(MediaTaken)
    assert rec.wait_for(PageDetected, lambda e: e.hint == "no_page").corners is None
    wait_for(lambda: cam.status().media == MediaState.ABSENT, "media absent")
    assert detect(cam.latest_frame()) is None


def test_capture_waits_for_the_next_page_and_can_time_out(clock, run_sim):
    cam = SimulatedDocumentCamera(options={"script": [], "settle_s": 0.0}, clock=clock)
    run_sim(cam)
    with pytest.raises(HalError) as info:
        cam.capture(0.3).result(5)
    assert info.value.code == "timeout"
    handle = cam.capture(5)
    cam.lay_page("id_card")
    assert handle.result(5).format == "ID-1"


def test_missing_image_file_is_rejected_at_start_up(tmp_path):
    from drivers.sim_script import ScriptError
    with pytest.raises(ScriptError) as info:
        SimulatedDocumentCamera(options={"script": [
            {"do": "lay_page", "image": str(tmp_path / "none.png")}]})
    assert info.value.key == "script[0].image"
