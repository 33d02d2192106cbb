"""The HAL contract: commands on the worker thread, timeout, cancellation, events, diagnostics."""
from __future__ import annotations

import threading

import pytest

from drivers.base import (CommandCancelled, CommandTimeout, DeviceState, DeviceWorker, HalError,
                          MediaState, RecommendedAction)
from drivers.events import CardInserted, DeviceErrorEvent
from drivers.registry import build_driver


class Probe(DeviceWorker):
    """A minimal driver that records which thread runs its code."""

    device_class = "probe"

    def __init__(self) -> None:
        super().__init__("probe")
        self.threads: list[str] = []

    def _open(self) -> None:
        self.threads.append(threading.current_thread().name)
        self.set_status(DeviceState.ONLINE, MediaState.PRESENT)


@pytest.fixture
def probe():
    dev = Probe()
    dev.start()
    yield dev
    dev.stop()


def test_commands_run_in_order_on_the_worker_thread(probe):
    seen = []
    handles = [probe.submit(f"c{i}", lambda tok, i=i: seen.append(
        (i, threading.current_thread().name)) or i, timeout=5) for i in range(5)]
    assert [h.result(5) for h in handles] == list(range(5))
    assert [i for i, _ in seen] == list(range(5))
    assert {name for _, name in seen} == {"hal-probe"} == set(probe.threads)


def test_timeout_resolves_the_handle_and_stops_the_command(probe):
    stopped = threading.Event()

    def slow(tok):
        try:
            while True:
                tok.sleep(0.01)
        except HalError:
            stopped.set()
            raise

    handle = probe.submit("slow", slow, timeout=0.05)
    with pytest.raises(CommandTimeout):
        handle.result(5)
    assert stopped.wait(5), "the command never noticed its deadline"
    assert probe.submit("after", lambda tok: "ok", 5).result(5) == "ok"


def test_cancel_resolves_at_once_and_the_command_sees_it(probe):
    gate = threading.Event()
    noticed = threading.Event()

    def waiting(tok):
        gate.set()
        while not tok.cancelled:
            tok._event.wait(0.01)
        noticed.set()

    handle = probe.submit("wait", waiting, timeout=None)
    assert gate.wait(5)
    handle.cancel()
    assert handle.done() and isinstance(handle.exception(), CommandCancelled)
    assert noticed.wait(5)


def test_driver_bug_becomes_a_hal_error_and_the_thread_survives(probe):
    handle = probe.submit("bug", lambda tok: 1 / 0, timeout=5)
    with pytest.raises(HalError) as info:
        handle.result(5)
    assert info.value.code == "driver_error" and info.value.action == RecommendedAction.CALL_STAFF
    assert probe.submit("next", lambda tok: 42, 5).result(5) == 42


def test_events_reach_listeners_and_a_broken_listener_does_not_stop_others(probe):
    got = []
    probe.add_listener(lambda e: 1 / 0)
    probe.add_listener(got.append)
    probe.submit("emit", lambda tok: probe.emit("card_inserted", slot=1), 5).result(5)
    probe.submit("err", lambda tok: probe.emit_error(
        HalError("jam", "Paper jam", RecommendedAction.CLEAR)), 5).result(5)
    kinds = [e.kind for e in got]
    assert kinds == ["card_inserted", "error"]
    # typed events: the kind picks the class, unknown keys are kept in data
    assert isinstance(got[0], CardInserted) and isinstance(got[1], DeviceErrorEvent)
    assert dict(got[0].data) == {"reader": "", "atr": "", "protocol": "", "slot": 1}
    assert got[1].code == "jam" and got[1].data["action"] == RecommendedAction.CLEAR
    diag = probe.diagnostics()
    assert diag["state"] == "online" and diag["media"] == "present"
    assert diag["last_error"] == {"code": "jam", "message": "Paper jam", "action": "clear"}


def test_status_event_only_on_change(probe):
    got = []
    probe.add_listener(got.append)
    probe.set_status(DeviceState.ONLINE)
    probe.set_status(DeviceState.BUSY)
    assert [e.data["status"].state for e in got] == [DeviceState.BUSY]


def test_command_on_a_stopped_device_fails_clearly():
    dev = Probe()
    with pytest.raises(HalError) as info:
        dev.submit("x", lambda tok: 1, 1).result(1)
    assert info.value.code == "not_started"


def test_registry_is_strict():
    with pytest.raises(KeyError, match="no driver 'nope' for printer"):
        build_driver("printer", "nope", {})
    with pytest.raises(KeyError, match="unknown device class"):
        build_driver("scanner", "simulator", {})
    assert build_driver("printer", "simulator", {}).device_class == "printer"
