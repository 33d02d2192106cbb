"""In-process printer simulator: keeps every job's bytes; paper state can be scripted."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from drivers.base import (CancelToken, CommandHandle, DeviceState, DeviceWorker, HalError,
                          MediaState, RecommendedAction)
from drivers.printer.base import JOB_DONE, PAPER_OUT, PrintJob


class SimulatedPrinter(DeviceWorker):
    """Receipt printer that records the bytes it is sent."""

    device_class = "printer"

    def __init__(self, name: str = "printer", print_delay: float = 0.2) -> None:
        super().__init__(name)
        self.print_delay = print_delay
        self.printed: list[PrintJob] = []
        self._paper_out = False

    def capabilities(self) -> Mapping[str, Any]:
        return {"width_dots": 576, "native_qr": True, "cutter": True, "simulated": True}

    def initial_media(self) -> MediaState:
        return MediaState.UNKNOWN

    def _open(self) -> None:
        self.set_status(DeviceState.ONLINE, MediaState.PAPER_FULL, "simulated")

    def set_paper_out(self, out: bool = True) -> None:
        """Simulate the paper running out (or being refilled)."""
        self._paper_out = out
        self.set_status(media=MediaState.PAPER_OUT if out else MediaState.PAPER_FULL)
        if out:
            self.emit(PAPER_OUT)

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
        self.emit(JOB_DONE, job_id=job.job_id)
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


def make(name: str, options: Mapping[str, Any]) -> SimulatedPrinter:
    """Factory used by the driver registry."""
    return SimulatedPrinter(name, print_delay=float(options.get("print_delay", 0.2)))
