"""The in-process locker simulator: doors closing by themselves, a board that stops answering."""
import pytest

from drivers.base import DeviceState, HalError
from drivers.locker.base import DoorClosed, DoorOpened
from drivers.locker.simulator import SimulatedLocker, make
from drivers.options import OptionError, validate_options
from drivers.registry import build_driver, check_options
from testkit.recorder import EventRecorder
from testkit.waiting import wait_for


def test_doors_close_after_scripted_time():
    locker = SimulatedLocker(locks=2, poll_interval=0.05, close_after_s=0.2)
    rec = EventRecorder()
    locker.add_listener(rec)
    locker.start()
    try:
        assert locker.open_door(2).result(5) is True
        rec.wait_for(DoorOpened, lambda e: e.lock == 2)
        closed = rec.wait_for(DoorClosed, lambda e: e.lock == 2)
        assert closed.open_s >= 0.2
    finally:
        locker.stop()


def test_offline_board_fails_commands_then_recovers():
    locker = SimulatedLocker(locks=2, poll_interval=0.05)
    locker.reopen_backoff = (0.05, 0.1)
    locker.start()
    try:
        wait_for(lambda: locker.status().state == DeviceState.ONLINE, "online")
        locker.set_offline()
        wait_for(lambda: locker.status().state == DeviceState.OFFLINE, "offline")
        try:
            locker.open_door(1).result(5)
        except HalError as exc:
            assert exc.code == "no_answer"
        else:
            raise AssertionError("an offline board opened a door")
        locker.set_offline(False)
        wait_for(lambda: locker.status().state == DeviceState.ONLINE, "online again")
        assert locker.open_door(1).result(5) is True
    finally:
        locker.stop()


def test_registry_builds_both_drivers_from_options():
    sim = build_driver("locker", "simulator", {"locks": 3, "stuck": [2], "close_after_s": 1})
    assert isinstance(sim, SimulatedLocker) and sim.locks == 3 and sim.close_after_s == 1.0
    real = build_driver("locker", "serial_8a", {"port": "/dev/null-locker", "board": 2,
                                                "locks": 8, "open_state": 0, "closed_state": 0x11})
    assert (real.board, real.locks, real.open_state, real.closed_state) == (2, 8, 0, 0x11)
    assert make("x", {}).locks == 16


@pytest.mark.parametrize("options,key", [
    ({"port": "/dev/ttyS0", "open_state": 256}, "open_state"),
    ({"port": "/dev/ttyS0", "locks": 0}, "locks"),
    ({"port": "/dev/ttyS0", "baud": 9601}, "baud"),
    ({"board": 1}, "port"),
    ({"port": "/dev/ttyS0", "left_opne_s": 5}, "left_opne_s"),
])
def test_bad_options_are_named(options, key):
    with pytest.raises(OptionError) as err:
        validate_options("locker", "serial_8a", options)
    assert err.value.key == key


def test_equal_open_and_closed_states_refused_at_start_up():
    with pytest.raises(OptionError) as err:
        check_options("locker", "serial_8a", {"port": "/dev/ttyS0", "open_state": 0})
    assert err.value.key == "closed_state" and "different" in err.value.allowed
