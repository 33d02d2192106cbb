"""A hostile serial peer behind a real pty: garbage, floods, fake fences, silence.

The printer driver must never hang, never raise anything but HalError, and never call a job done
without its own fence reply. The peer is a thread on the pty's master side (fewer cases than the
in-memory parser tests: each case costs real serial time).
"""
import os
import threading
import tty

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.base import HalError
from drivers.printer.base import PrintJob
from drivers.printer.escpos_driver import EscposSerialPrinter

pytestmark = pytest.mark.hardware_sim


class HostilePeer:
    """Answers every chunk the driver writes with the next scripted reply (bytes, maybe empty)."""

    def __init__(self, replies):
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.path = os.ttyname(self.slave)
        self.replies = list(replies)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        import select
        i = 0
        while not self.stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if not ready:
                continue
            try:
                os.read(self.master, 65536)
            except OSError:
                return
            reply = self.replies[i % len(self.replies)] if self.replies else b""
            i += 1
            if reply:
                try:
                    os.write(self.master, reply)
                except OSError:
                    return

    def close(self):
        self.stop.set()
        self.thread.join(2)
        os.close(self.master)
        os.close(self.slave)


replies = st.lists(st.one_of(
    st.binary(max_size=8),                                   # garbage / truncated answers
    st.just(b""),                                            # silence
    st.binary(min_size=200, max_size=3000),                  # a flood
    st.builds(lambda d: b"\x37\x22" + d + b"\x00",           # fence frames (never ours)
              st.binary(min_size=4, max_size=4)),
    st.sampled_from([b"\x12", b"\x32", b"\x72", b"\x12\x12", b"\x00"]),  # plausible bytes
), min_size=1, max_size=6)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(replies)
def test_driver_survives_any_peer_and_never_confirms_a_foreign_job(script):
    peer = HostilePeer(script)
    printer = EscposSerialPrinter("printer", peer.path, timeout=0.02, recovery_poll=0.01,
                                  print_time=0.3)
    printer._job_no = 10_000 - 1  # our next fence is 0000: the fake fences above are random
    try:
        try:
            printer._open()
        except HalError:
            return
        job = PrintJob(b"\x1b@hello\n")
        with printer._pending_lock:
            printer._pending[job.job_id] = job
        try:
            outcome = printer._print_one(job)
        except HalError:
            return
        assert outcome in ("done", "stopped", "unconfirmed")
        if outcome == "done":  # only possible when the peer happened to send our own fence
            assert any(b"\x37\x22" + b"0000" + b"\x00" in r for r in script)
    finally:
        printer._close()
        peer.close()
