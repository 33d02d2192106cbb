"""ESC/POS receipt printer on a serial port: python-escpos transport, our own status and job queue.

python-escpos 3.1 provides the Serial connection (and `_raw` writes); Chinese text comes ready
from kiosk.receipts, and status is polled here with DLE EOT 1..4 because its paper_status()
reports "paper adequate" when the printer answers nothing. A job is "done" only when the printer
answers that job's own GS ( H fence (escpos_replies); input is drained before every job and query.
"""
from __future__ import annotations

import logging
import random
import threading
import time
from collections import OrderedDict, deque
from typing import Any, Mapping

from drivers.base import (CancelToken, CommandHandle, DeviceState, DeviceWorker, HalError,
                          MediaState, RecommendedAction)
from drivers.printer.base import COVER_OPEN, JOB_DONE, PAPER_LOW, PAPER_OUT, PrintJob
from drivers.printer.escpos_replies import ReplySorter, fence_command, fence_id
from drivers.printer.escpos_presenter import (FULL_STATUS_LEN, FULL_STATUS_QUERY, SlipWatch,
                                              slip_at_exit)
from drivers.printer.escpos_status import CLEAR_BUFFERS, DLE_EOT, Condition, StatusByteError

MAX_DRAIN = 4096  # bytes read and dropped before a query or job: a flood cannot keep us there

log = logging.getLogger(__name__)


class EscposSerialPrinter(DeviceWorker):
    """Receipt printer speaking ESC/POS over a serial port, with live status and job identity."""

    device_class = "printer"
    poll_interval = 1.0

    def __init__(self, name: str, port: str, baud: int = 9600, timeout: float = 0.2,
                 recovery_poll: float = 0.25, print_time: float = 15.0, presenter: bool = False,
                 slip_left_s: float = 30.0) -> None:
        super().__init__(name)
        # a presenter's exit sensor (DLE EOT 20), read while idle: a slip left there is announced
        self.slip_watch = SlipWatch(name, slip_left_s, self.emit) if presenter else None
        self.port, self.baud, self.timeout = port, baud, timeout
        self.recovery_poll = recovery_poll
        self.print_time = print_time  # longest a slip takes to print once all its bytes arrived
        self._esc: Any = None
        self._cond: Condition | None = None
        self._pending: "OrderedDict[str, PrintJob]" = OrderedDict()
        self._pending_lock = threading.Lock()
        self._done: deque[str] = deque(maxlen=1000)
        self._attempted: set[str] = set()
        self._unconfirmed: deque[str] = deque(maxlen=1000)
        self._replies = ReplySorter()
        self._job_no = random.randrange(10000)  # a reply left from an earlier run cannot match
        self._eot4 = True  # DLE EOT 4 (paper roll sensor) answered; some printers lack it
        self.fence_supported: bool | None = None  # GS ( H answered when idle (probed at open)
        self.counters = {"jobs_printed": 0, "reprints": 0, "unconfirmed": 0, "garbled": 0}

    def capabilities(self) -> Mapping[str, Any]:
        return {"width_dots": 576, "native_qr": True, "cutter": True, "baud": self.baud}

    def initial_media(self) -> MediaState:
        return MediaState.UNKNOWN

    # --- transport ----------------------------------------------------------------------
    def _open(self) -> None:
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import Serial
        # dsrdtr=False: never depend on modem lines (ptys and many cables do not have them)
        esc = Serial(devfile=self.port, baudrate=self.baud, timeout=self.timeout, dsrdtr=False)
        try:
            esc.open()
        except DeviceNotFoundError:
            raise HalError("no_device", f"No printer port at {self.port}.",
                           RecommendedAction.CALL_STAFF) from None
        self._esc = esc
        self._eot4 = True
        cond = self._refresh()
        self.fence_supported = self._probe_fence() if cond.ready else None

    def _close(self) -> None:
        esc, self._esc = self._esc, None
        if esc is not None:
            try:
                esc.device.close()
            except Exception:  # already gone
                pass

    def _write(self, data: bytes) -> None:
        if self._esc is None:
            raise HalError("no_device", f"No printer port at {self.port}.", RecommendedAction.CALL_STAFF)
        try:
            self._esc._raw(data)
        except Exception as exc:  # pyserial raises SerialException/OSError when the port vanishes
            self._lost(exc)

    def _read_byte(self) -> int | None:
        try:
            got = self._esc.device.read(1)
        except Exception as exc:
            self._lost(exc)
            raise
        return got[0] if got else None

    def _drain(self) -> None:
        """Read what is already waiting; fences are remembered, everything else dropped."""
        dev = self._esc.device if self._esc is not None else None
        left = MAX_DRAIN
        while dev is not None and left > 0:
            try:
                waiting = min(dev.in_waiting, left)
                got = dev.read(waiting) if waiting else b""
            except Exception as exc:
                self._lost(exc)
                raise
            if not got:
                return
            left -= len(got)
            for value in got:
                self._replies.feed(value)  # a status answer here is stale: dropped

    def _lost(self, exc: Exception) -> None:
        # the HAL base closes the port, goes NO_DEVICE and reopens it with backoff
        self._connection_lost(HalError("port_lost", "port lost", RecommendedAction.CALL_STAFF),
                              MediaState.UNKNOWN)
        raise HalError("port_lost", f"The printer port {self.port} went away.",
                       RecommendedAction.CALL_STAFF) from exc

    def _query(self, n: int) -> int | None:
        """Send DLE EOT n; return the answer byte, None on silence. Fence replies are kept."""
        self._drain()  # a late or duplicated answer must not be taken for this one
        self._write(DLE_EOT + bytes([n]))
        bad: int | None = None
        for _ in range(16):  # bounded: a noisy line cannot keep us here
            value = self._read_byte()
            if value is None:
                break
            noise = self._replies.noise
            answer = self._replies.feed(value)
            if answer is not None:
                return answer
            if self._replies.noise != noise:
                self.counters["garbled"] += 1
                bad = value
        if bad is not None:
            raise StatusByteError(n, bad)
        return None

    # --- status -------------------------------------------------------------------------
    def _read_condition(self) -> Condition:
        answers: list[int | None] = []
        for n in (1, 2, 3, 4) if self._eot4 else (1, 2, 3):
            value = self._query(n)
            if value is None:
                value = self._query(n)  # one retry: a byte may have been lost
            answers.append(value)
            if value is None:
                break
        if len(answers) == 4 and answers[3] is None and None not in answers[:3]:
            self._eot4 = False  # answers 1..3 but not 4: no roll sensor, not "does not answer"
            log.info("%s: the printer does not answer DLE EOT 4 (no paper roll sensor)", self.name)
        if not self._eot4 and len(answers) >= 3 and None not in answers[:3]:
            return Condition.from_bytes(answers[:3] + [None], paper_sensor=False)
        return Condition.from_bytes(answers + [None] * (4 - len(answers)))

    def _refresh(self) -> Condition:
        """Poll status, update HAL status, and raise events on changes only."""
        try:
            cond = self._read_condition()
        except StatusByteError:
            cond = Condition(answered=False, garbled=True)
        old = self._cond
        self._cond = cond
        state, media, detail = cond.to_status()
        self.set_status(state, media, detail)
        err, old_err = cond.blocking_error(), old.blocking_error() if old else None
        if err is not None and (old_err is None or old_err.code != err.code):
            self.emit_error(err)
            if err.code == "paper_out":
                self.emit(PAPER_OUT)
            elif err.code == "cover_open":
                self.emit(COVER_OPEN)
        if cond.paper_low and not cond.paper_out and not (old and old.paper_low):
            self.emit(PAPER_LOW)
        return cond

    def _poll(self) -> None:
        if self._esc is None:  # lost during this poll; the base reopens it
            return
        cond = self._refresh()
        if cond.ready and self._pending:
            self._print_pending()
        elif self.slip_watch is not None and not self._pending and cond.answered:
            self._check_exit()

    def _check_exit(self) -> None:
        """Ask the presenter whether a slip waits at the exit (no answer: nothing learned)."""
        self._drain()
        self._write(FULL_STATUS_QUERY)
        data = bytearray()
        for _ in range(2 * FULL_STATUS_LEN):  # bounded
            value = self._read_byte()
            if value is None:
                break
            data.append(value)
            at_exit = slip_at_exit(bytes(data))
            if at_exit is not None:
                self.slip_watch.seen(at_exit)
                return

    # --- jobs ---------------------------------------------------------------------------
    def print_job(self, job: PrintJob, timeout: float = 30.0,
                  wait_for_recovery: bool = True) -> CommandHandle[str]:
        """Print a job; resolves with its id once fully printed.

        A job interrupted (paper out, cover open, ...) stays queued and is printed again in full
        when the printer is ready, even after this handle timed out; resubmitting the same job
        never prints it twice. Only a stop the printer reports keeps a job queued: one that goes
        silent mid-job may have printed it, so the job ends "unconfirmed" and is not resent.
        With wait_for_recovery=False the job is dropped instead and the
        handle fails at once with the condition's HalError (used by kiosk-diag print-test).
        """
        return self.submit("print_job", lambda tok: self._run_job(job, tok, wait_for_recovery),
                           timeout)

    def pending_jobs(self) -> list[str]:
        """Ids of jobs accepted but not yet fully printed, oldest first."""
        with self._pending_lock:
            return list(self._pending)

    def _run_job(self, job: PrintJob, token: CancelToken, wait: bool) -> str:
        if job.job_id in self._done:
            return job.job_id
        if job.job_id in self._unconfirmed:
            self._unconfirmed.remove(job.job_id)  # resubmitted on purpose: print it again
        with self._pending_lock:
            self._pending.setdefault(job.job_id, job)
        while True:
            if self._esc is None:
                self._try_open()
            if self._esc is not None:
                self._print_pending()
            if job.job_id in self._done:
                return job.job_id
            if job.job_id in self._unconfirmed:
                raise unconfirmed_error()
            if not wait:
                with self._pending_lock:
                    self._pending.pop(job.job_id, None)
                err = self._cond.blocking_error() if self._cond else None
                if self._esc is None:
                    err = HalError("no_device", f"No printer port at {self.port}.",
                                   RecommendedAction.CALL_STAFF)
                raise err or HalError("not_printed", "The receipt was not printed.",
                                      RecommendedAction.RETRY)
            token.sleep(self.recovery_poll)  # timeout/cancel leaves the job queued

    def _print_pending(self) -> None:
        while True:
            with self._pending_lock:
                if not self._pending:
                    return
                job = next(iter(self._pending.values()))
            outcome = self._print_one(job)
            if outcome == "stopped":
                return
            with self._pending_lock:
                self._pending.pop(job.job_id, None)
            self._attempted.discard(job.job_id)
            if outcome == "unconfirmed":
                # not reprinted blindly (it may have printed) and never reported done
                self._unconfirmed.append(job.job_id)
                self.counters["unconfirmed"] += 1
                self.emit_error(unconfirmed_error())
                continue
            self._done.append(job.job_id)
            self.counters["jobs_printed"] += 1
            self.emit(JOB_DONE, job_id=job.job_id)

    def _probe_fence(self) -> bool:
        """Does the printer answer GS ( H? An idle printer answers at once; without it, jobs can
        never be confirmed, so they are reported "unconfirmed" without waiting print_time."""
        self._drain()
        self._replies.clear()
        self._job_no += 1
        fid = fence_id(self._job_no)
        self._write(fence_command(fid))
        deadline = time.monotonic() + max(1.0, 4 * self.timeout)  # generous: a busy host is slow
        while time.monotonic() < deadline:
            value = self._read_byte()
            if value is not None:
                self._replies.feed(value)
            if fid in self._replies.fences:
                return True
        log.warning("%s: the printer does not answer GS ( H: print jobs cannot be confirmed",
                    self.name)
        return False

    def _print_one(self, job: PrintJob) -> str:
        """Send one job and wait for its own fence: "done", "stopped" (job kept) or "unconfirmed"."""
        if not self._refresh().ready:
            return "stopped"
        if job.job_id in self._attempted:
            self.counters["reprints"] += 1
        self._attempted.add(job.job_id)
        self.set_status(DeviceState.BUSY)
        self._drain()
        self._replies.clear()
        self._job_no += 1
        fid = fence_id(self._job_no)
        # one write: a status query slipped between chunks could land inside a command's data
        self._write(job.data + fence_command(fid))
        wire = (len(job.data) + 12) * 10 / max(self.baud, 1)
        # without GS ( H nothing can confirm the job: wait only long enough to see it stop
        wait = self.print_time if self.fence_supported is not False else min(self.print_time, 2.0)
        deadline = time.monotonic() + wait + 2 * wire
        while time.monotonic() < deadline:
            if fid in self._replies.fences:
                self.fence_supported = True  # the probe may have missed it on a busy host
                self._refresh()
                return "done"
            value = self._read_byte()
            if value is not None:
                self._replies.feed(value)  # anything but our fence (a stray 0x00, ...) is noise
            elif self._stopped_mid_job():  # silence: is it still printing, or stopped?
                if fid in self._replies.fences:  # the fence came in with the status answers
                    return "done"
                return self._interrupted()
        stopped = self._stopped_mid_job()
        if fid in self._replies.fences:  # it came in with the last status answers
            return "done"
        if stopped:
            return self._interrupted()
        # a silent printer may have printed it all: never reprinted, staff check the slip
        log.warning("%s: job %s not confirmed (no answer to its fence)", self.name, job.title)
        return "unconfirmed"

    def _stopped_mid_job(self) -> bool:
        """True only when the printer itself answers that it stopped (paper out, cover open...).

        Silence or an unreadable answer says nothing about the job: a printer busy with the slip,
        or a loaded host, answers late. Taking that for a stop cleared and resent a job the
        printer had already printed (a second slip): only a reported stop keeps the job queued.
        """
        cond = self._refresh()
        return cond.answered and not cond.ready

    def _interrupted(self) -> str:
        self._write(CLEAR_BUFFERS)  # drop the rest: the job is printed again in full later
        log.info("%s: job interrupted (%s); it stays queued", self.name,
                 self._cond.blocking_error().code if self._cond and self._cond.blocking_error()
                 else "?")
        return "stopped"

    def _diagnostics(self) -> dict[str, Any]:
        return {"port": self.port, "baud": self.baud, "pending_jobs": len(self.pending_jobs()),
                "job_confirmation": self.fence_supported, "paper_sensor": self._eot4,
                **self.counters}


def unconfirmed_error() -> HalError:
    """The printer took the job but never confirmed it reached the end."""
    return HalError("unconfirmed", "The printer did not confirm that the receipt printed "
                    "(no answer to the job's end marker): check the slip.",
                    RecommendedAction.CALL_STAFF)


def make(name: str, options: Mapping[str, Any]) -> EscposSerialPrinter:
    """Factory used by the driver registry: options port, baud (9600), timeout (0.2 s)."""
    if not options.get("port"):
        raise HalError("config", "The printer needs a serial port (option 'port').",
                       RecommendedAction.CALL_STAFF)
    return EscposSerialPrinter(name, str(options["port"]), int(options.get("baud", 9600)),
                               float(options.get("timeout", 0.2)),
                               presenter=bool(options.get("presenter", False)),
                               slip_left_s=float(options.get("slip_left_s", 30.0)))
