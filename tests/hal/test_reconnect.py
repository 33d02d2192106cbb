"""The reconnect policy every driver shares: backoff, NO_DEVICE/OFFLINE, logged once each way."""
from __future__ import annotations

import logging

import pytest

from drivers.base import DeviceState, DeviceWorker, HalError, RecommendedAction
from drivers.events import DeviceErrorEvent
from drivers.reconnect import Backoff
from testkit.clock import FakeClock
from testkit.recorder import EventRecorder
from testkit.waiting import wait_for


def test_backoff_doubles_to_its_cap_and_resets():
    clock = FakeClock()
    b = Backoff(0.5, 2.0, clock)
    assert [b.failed() for _ in range(5)] == [0.5, 1.0, 2.0, 2.0, 2.0]
    assert not b.due() and b.remaining() == pytest.approx(2.0)
    clock.advance(2.0)
    assert b.due()
    assert b.succeeded() == 5 and b.failed() == 0.5
    with pytest.raises(ValueError):
        Backoff(0, 1)


class Flaky(DeviceWorker):
    """Opens only after `fail_opens` attempts; its poll fails while `poll_broken`."""

    device_class = "flaky"
    poll_interval = 0.01
    reopen_backoff = (0.01, 0.04)

    def __init__(self, fail_opens: int) -> None:
        super().__init__("flaky")
        self.fail_opens = fail_opens
        self.attempts = 0
        self.closes = 0
        self.poll_broken = False
        self.heal_on_close = False  # the fault goes with the close (one outage, whatever the load)

    def _open(self) -> None:
        self.attempts += 1
        if self.attempts <= self.fail_opens:
            raise HalError("no_device", "port missing", RecommendedAction.CALL_STAFF)
        self.set_status(DeviceState.ONLINE)

    def _close(self) -> None:
        self.closes += 1
        if self.heal_on_close:
            self.poll_broken = False

    def _poll(self) -> None:
        if self.poll_broken:
            raise HalError("no_answer", "device silent", RecommendedAction.RETRY)


def test_failed_opens_are_retried_and_reported_once(caplog):
    dev = Flaky(fail_opens=4)
    rec = EventRecorder()
    dev.add_listener(rec)
    with caplog.at_level(logging.INFO, logger="drivers.base"):
        dev.start()
        try:
            wait_for(lambda: dev.status().state == DeviceState.ONLINE, "reopened")
        finally:
            dev.stop()
    assert dev.attempts == 5 and dev.reopen_count == 0  # first successful open
    assert [e.code for e in rec.of_type(DeviceErrorEvent)] == ["no_device"]  # once per outage
    states = [e.status.state for e in rec.events if e.kind == "status"]
    assert states[:2] == [DeviceState.NO_DEVICE, DeviceState.ONLINE]
    warnings = [r for r in caplog.records if "cannot open" in r.getMessage()]
    recovered = [r for r in caplog.records if "reconnected after 4" in r.getMessage()]
    assert len(warnings) == 1 and len(recovered) == 1


def test_repeated_poll_failures_close_and_reopen():
    dev = Flaky(fail_opens=0)
    rec = EventRecorder()
    dev.add_listener(rec)
    dev.start()
    try:
        wait_for(lambda: dev.status().state == DeviceState.ONLINE, "online")
        dev.heal_on_close = True
        dev.poll_broken = True
        wait_for(lambda: dev.closes >= 1, "closed after failed polls")
        wait_for(lambda: dev.status().state == DeviceState.ONLINE, "back online")
        states = [e.status.state for e in rec.events if e.kind == "status"]
        assert DeviceState.OFFLINE in states  # the outage was reported before the reopen
        errors = rec.of_type(DeviceErrorEvent)
        assert len(errors) == dev.max_poll_failures  # N-1 poll errors, then one for the outage
        assert dev.closes == 1
        assert dev.reopen_count >= 1 and dev.opened
    finally:
        dev.stop()
