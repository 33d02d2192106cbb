"""In-process printer simulator: keeps every job's bytes; paper state can be scripted."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable, Mapping

from drivers.base import (CancelToken, CommandHandle, DeviceState, DeviceWorker, HalError,
                          MediaState, RecommendedAction)
from drivers.events import DeviceEvent, JobDone, MediaTaken, PaperLow, PaperOut
from drivers.printer.base import SLIP_LEFT, PrintJob
from drivers.sim_script import ScriptedSimulator


class SimulatedPrinter(ScriptedSimulator, DeviceWorker):
    """Receipt printer that records the bytes it is sent; a script can run its paper low and out."""

    device_class = "printer"
    ACTIONS = {"paper_low": {}, "paper_out": {}, "refill": {}, "take_receipt": {}}
    DEFAULT_SCRIPT: list[dict] = []  # paper lasts unless the profile scripts otherwise

    def __init__(self, name: str = "printer", print_delay: float = 0.2,
                 options: Mapping[str, Any] | None = None,
                 clock: Callable[[], float] = time.monotonic, slip_left_s: float = 30.0) -> None:
        super().__init__(name)
        self._setup_script(options or {}, clock)
        self.print_delay = print_delay
        self.printed: list[PrintJob] = []
        self._paper_out = False
        self._receipt_waiting = False
        self.slip_left_s = slip_left_s  # a slip at the exit this long is announced (once)
        self._now = clock
        self._receipt_since: float | None = None

    def capabilities(self) -> Mapping[str, Any]:
        return {"width_dots": 576, "native_qr": True, "cutter": True, "simulated": True}

    def initial_media(self) -> MediaState:
        return MediaState.UNKNOWN

    def _open(self) -> None:
        self.player.restart()
        self.set_status(DeviceState.ONLINE, MediaState.PAPER_FULL, "simulated")

    def _poll(self) -> None:
        self._play_due()
        since = self._receipt_since
        if self._receipt_waiting and since is not None and self._now() - since >= self.slip_left_s:
            self._receipt_since = None  # announced once per slip
            self.emit(DeviceEvent(self.name, SLIP_LEFT, {"waiting_s": round(self._now() - since, 1)}))

    @property
    def slip_at_exit(self) -> bool:
        """A printed slip is still waiting at the exit (the presenter's paper sensor)."""
        return self._receipt_waiting

    def take_receipt(self) -> None:
        """Simulate the resident taking the slip (by hand: the script stops)."""
        self.do_by_hand("take_receipt")

    def set_paper_out(self, out: bool = True) -> None:
        """Simulate the paper running out (or being refilled); by hand: the script stops."""
        self.take_over()
        (self._do_paper_out if out else self._do_refill)()

    def _do_paper_low(self) -> None:
        self._paper_out = False
        self.set_status(media=MediaState.PAPER_LOW)
        self.emit(PaperLow(self.name))

    def _do_paper_out(self) -> None:
        self._paper_out = True
        self.set_status(media=MediaState.PAPER_OUT)
        self.emit(PaperOut(self.name))

    def _do_refill(self) -> None:
        self._paper_out = False
        self.set_status(media=MediaState.PAPER_FULL)

    def _do_take_receipt(self) -> None:
        if self._receipt_waiting:
            self._receipt_waiting = False
            self._receipt_since = None
            self.emit(MediaTaken(self.name))

    def set_offline(self, offline: bool = True) -> None:
        """Simulate the printer going offline (or back online)."""
        self.set_status(DeviceState.OFFLINE if offline else DeviceState.ONLINE)

    def print_job(self, job: PrintJob, timeout: float = 30.0) -> CommandHandle[str]:
        """Print a job; resolves with the job id once the simulated paper is out."""
        return self.submit("print_job", lambda tok: self._print(job, tok), timeout)

    def _print(self, job: PrintJob, token: CancelToken) -> str:
        if self.status().state != DeviceState.ONLINE:
            raise HalError("offline", "The printer is offline.", RecommendedAction.CALL_STAFF)
        if self._paper_out:
            raise HalError("paper_out", "The printer is out of paper.",
                           RecommendedAction.REPLACE_MEDIA)
        if any(j.job_id == job.job_id for j in self.printed):
            return job.job_id  # already printed: never twice
        token.sleep(self.print_delay)
        self.printed.append(job)
        self._receipt_waiting = True
        self._receipt_since = self._now()
        self.emit(JobDone(self.name, job_id=job.job_id))
        return job.job_id

    def render_png(self, job_or_index: PrintJob | int | str, path: str | Path) -> Path:
        """Draw a printed job (a PrintJob, its job id, or its index in `printed`) as a PNG slip.

        A job with several cuts is drawn as one image with the slips one under the other.
        """
        from drivers.printer.escpos_render import parse_stream, render_slip  # Pillow only when used
        job = self._find(job_or_index)
        slips, _garbage = parse_stream(job.data)
        images = [render_slip(s) for s in slips] or []
        if not images:
            raise HalError("empty_job", "The print job printed nothing.", RecommendedAction.NONE)
        from PIL import Image
        sheet = Image.new("L", (max(i.width for i in images), sum(i.height for i in images)), 255)
        y = 0
        for img in images:
            sheet.paste(img, (0, y))
            y += img.height
        out = Path(path)
        sheet.save(out)
        return out

    def _find(self, job_or_index: PrintJob | int | str) -> PrintJob:
        printed = list(self.printed)
        if isinstance(job_or_index, PrintJob):
            job_or_index = job_or_index.job_id
        if isinstance(job_or_index, int):
            try:
                return printed[job_or_index]
            except IndexError:
                raise HalError("no_such_job", f"No printed job number {job_or_index}.",
                               RecommendedAction.NONE) from None
        for job in printed:
            if job.job_id == job_or_index:
                return job
        raise HalError("no_such_job", "That job was not printed.", RecommendedAction.NONE)


def check_options(options: Mapping[str, Any]) -> None:
    """Start-up check of the options (raises ScriptError on a bad script)."""
    from drivers.sim_script import check_options as check
    check(SimulatedPrinter, options)


def make(name: str, options: Mapping[str, Any]) -> SimulatedPrinter:
    """Factory used by the driver registry."""
    return SimulatedPrinter(name, print_delay=float(options.get("print_delay", 0.2)),
                            options=options, slip_left_s=float(options.get("slip_left_s", 30.0)))
