"""Locker contract: the in-process simulator and the 8A driver over a pty, same assertions."""
from __future__ import annotations

from pathlib import Path

import pytest

from drivers.base import DeviceState, HalError, MediaState, RecommendedAction
from drivers.locker.base import (DoorClosed, DoorDidNotOpen, DoorLeftOpen, DoorOpened,
                                 ResultsLocker)
from drivers.locker.serial_driver import LockerBoardDriver
from drivers.locker.sim.process import PtyLockerSim
from drivers.locker.simulator import SimulatedLocker
from testkit.recorder import EventRecorder
from testkit.waiting import wait_for
from tests.contract.contract_checks import (check_diagnostics_redacted, check_events_typed,
                                            check_status_vocabulary, check_stop_joins)

LOCKER_MEDIA = {MediaState.NOT_SUPPORTED}


class SimRig:
    """The in-process simulator."""

    def __init__(self, _tmp: Path) -> None:
        self.locker = SimulatedLocker(locks=4, poll_interval=0.05, left_open_s=0.3, stuck=[3])

    def close(self, lock: int) -> None:
        self.locker.close_door(lock)

    def stop(self) -> None:
        """Nothing outside the process."""


class PtyRig:
    """The 8A driver against the board simulator process on a pty."""

    def __init__(self, tmp: Path) -> None:
        self.sim = PtyLockerSim(tmp, "stuck=3", locks=4)
        self.locker = LockerBoardDriver("locker", str(self.sim.link), locks=4, poll_interval=0.05,
                                        response_timeout=0.1, retries=1, left_open_s=0.3,
                                        open_confirm_s=0.2)

    def close(self, lock: int) -> None:
        self.sim.control(close=[lock])

    def stop(self) -> None:
        self.sim.stop()


@pytest.fixture(params=["simulator", "serial_8a_pty"])
def rig(request, tmp_path):
    r = (SimRig if request.param == "simulator" else PtyRig)(tmp_path)
    rec = EventRecorder()
    r.locker.add_listener(rec)
    r.locker.start()
    try:
        yield r, rec
    finally:
        r.locker.stop()
        r.stop()


def test_locker_contract(rig):
    r, rec = rig
    locker = r.locker
    assert isinstance(locker, ResultsLocker)
    wait_for(lambda: locker.status().state == DeviceState.ONLINE, "online")
    check_status_vocabulary(locker.status(), LOCKER_MEDIA)
    assert locker.open_door(1, 5).result(10) is True
    rec.wait_for(DoorOpened, lambda e: e.lock == 1)
    assert locker.door_state(1, 5).result(10) is True
    left = rec.wait_for(DoorLeftOpen, lambda e: e.lock == 1)
    assert left.open_s >= 0.3
    r.close(1)
    rec.wait_for(DoorClosed, lambda e: e.lock == 1)
    with pytest.raises(HalError) as stuck:
        locker.open_door(3, 5).result(10)
    assert stuck.value.code == "door_not_open"
    assert stuck.value.action == RecommendedAction.CALL_STAFF
    rec.wait_for(DoorDidNotOpen, lambda e: e.lock == 3)
    with pytest.raises(HalError) as bad:
        locker.open_door(99, 5).result(10)
    assert bad.value.code == "bad_lock"
    assert locker.states_all(5).result(10) == {1: False, 2: False, 3: False, 4: False}
    assert locker.diagnostics()["open_doors"] == []
    check_status_vocabulary(locker.status(), LOCKER_MEDIA)
    check_events_typed(rec, "locker")
    check_diagnostics_redacted(locker.diagnostics(), [])
    check_stop_joins(locker)
