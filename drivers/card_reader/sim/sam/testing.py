"""Test and dev helpers for the SAM simulator: a simulator process plus a driver wired to it."""
from __future__ import annotations

import contextlib
import threading
import time

from drivers.card_reader.sam_driver import SamCardReader
from drivers.card_reader.sim.sam import launch


class Recorder:
    """Collects driver events; wait_for() polls a condition with a generous bound."""

    def __init__(self) -> None:
        self.events = []
        self.lock = threading.Lock()

    def __call__(self, event) -> None:
        with self.lock:
            self.events.append(event)

    def kinds(self) -> list[str]:
        """Event kinds so far."""
        with self.lock:
            return [e.kind for e in self.events]

    def states(self) -> list[str]:
        """Device states from the status events so far."""
        with self.lock:
            return [e.data["status"].state.value for e in self.events if e.kind == "status"]


def wait_for(cond, limit: float = 10.0) -> bool:
    """Poll cond() until true or the (generous, failure-only) limit passes."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.02)
    return cond()


@contextlib.contextmanager
def sim_and_reader(tmp_path, script, **kw):
    """Start the simulator process and a started driver on its pty; stop both by PID."""
    link = str(tmp_path / "ttySAM")
    sim = launch(link, script)
    reader = SamCardReader("card_reader", link, poll_interval=kw.pop("poll_interval", 0.05),
                           response_timeout=kw.pop("response_timeout", 1.0), **kw)
    rec = Recorder()
    reader.add_listener(rec)
    try:
        reader.start()
        yield sim, reader, rec
    finally:
        reader.stop()
        sim.stop()
        assert not sim.alive()
