"""The real 8A driver (pyserial) against the board simulator process on a pty, through every fault."""
import pytest

from drivers.base import DeviceState, HalError, RecommendedAction
from drivers.events import DeviceErrorEvent
from drivers.locker.base import DoorClosed, DoorDidNotOpen, DoorLeftOpen, DoorOpened
from drivers.locker.serial_driver import LockerBoardDriver
from drivers.locker.sim.process import PtyLockerSim
from testkit.recorder import EventRecorder
from testkit.waiting import wait_for

pytestmark = pytest.mark.hardware_sim
LOCKS = 4


def make_driver(port, **kw):
    """A driver tuned for tests: short timeouts and backoff (bounds only, nothing timed)."""
    opts = dict(locks=LOCKS, poll_interval=0.05, response_timeout=0.1, retries=1,
                left_open_s=0.3, open_confirm_s=0.2, reopen_backoff=(0.05, 0.2))
    opts.update(kw)
    return LockerBoardDriver("locker", str(port), **opts)


@pytest.fixture
def rig(request, tmp_path):
    faults = getattr(request, "param", "")
    sim = PtyLockerSim(tmp_path, faults, locks=LOCKS)
    dev = make_driver(sim.link)
    rec = EventRecorder()
    dev.add_listener(rec)
    dev.start()
    try:
        yield sim, dev, rec
    finally:
        dev.stop()
        sim.stop()


def outcome(handle, limit=10.0):
    """The handle's result, or the HalError it failed with; anything else fails the test."""
    try:
        return handle.result(limit)
    except HalError as exc:
        return exc


def online(dev):
    wait_for(lambda: dev.status().state == DeviceState.ONLINE, "board online")


def test_open_then_resident_closes(rig):
    sim, dev, rec = rig
    online(dev)
    assert outcome(dev.open_door(2)) is True
    rec.wait_for(DoorOpened, lambda e: e.lock == 2)
    assert outcome(dev.door_state(2)) is True
    sim.control(close=[2])
    closed = rec.wait_for(DoorClosed, lambda e: e.lock == 2)
    assert closed.open_s >= 0
    assert outcome(dev.states_all()) == {1: False, 2: False, 3: False, 4: False}


def test_bad_door_number_is_refused_clearly(rig):
    _sim, dev, _rec = rig
    err = outcome(dev.open_door(LOCKS + 1))
    assert isinstance(err, HalError) and err.code == "bad_lock" and "1 to 4" in err.message


@pytest.mark.parametrize("rig", ["stuck=3"], indirect=True)
def test_door_that_will_not_open(rig):
    sim, dev, rec = rig
    online(dev)
    err = outcome(dev.open_door(3))
    assert isinstance(err, HalError) and err.code == "door_not_open"
    assert err.action == RecommendedAction.CALL_STAFF
    rec.wait_for(DoorDidNotOpen, lambda e: e.lock == 3)
    rec.wait_for(DeviceErrorEvent, lambda e: e.code == "door_not_open")
    sim.control(stuck=[])  # staff freed the bolt
    assert outcome(dev.open_door(3)) is True


@pytest.mark.parametrize("rig", ["left_open=1"], indirect=True)
def test_door_left_open_is_announced_once(rig):
    sim, dev, rec = rig
    rec.wait_for(DoorOpened, lambda e: e.lock == 1)
    left = rec.wait_for(DoorLeftOpen, lambda e: e.lock == 1)
    assert left.open_s >= 0.3
    sim.control(close=[1])
    rec.wait_for(DoorClosed, lambda e: e.lock == 1)
    assert len(rec.matching(lambda e: isinstance(e, DoorLeftOpen) and e.lock == 1)) == 1


@pytest.mark.parametrize("fault,code,state", [
    ("silent", "no_answer", DeviceState.OFFLINE),
    ("bad_bcc", "bad_checksum", DeviceState.OFFLINE),
    ("vanish", "no_device", DeviceState.NO_DEVICE),
])
def test_survives_fault_and_recovers(rig, fault, code, state):
    sim, dev, rec = rig
    online(dev)
    sim.control(**{fault: True})
    wait_for(lambda: dev.status().state == state, f"{state.value} during {fault}")
    for handle in (dev.open_door(1), dev.door_state(2), dev.states_all()):
        err = outcome(handle)  # resolves (never hangs), and only ever with a HalError
        assert isinstance(err, HalError), err
    assert code in {e.code for e in rec.of_type(DeviceErrorEvent)} | {err.code}
    sim.control(**{fault: False})
    online(dev)
    assert outcome(dev.open_door(1)) is True
    if fault == "vanish":
        assert dev.reopen_count >= 1


@pytest.mark.parametrize("rig", ["garbage"], indirect=True)
def test_garbage_on_the_line_is_skipped(rig):
    _sim, dev, _rec = rig
    online(dev)
    assert outcome(dev.open_door(4)) is True
    assert outcome(dev.states_all())[4] is True
    diag = dev.diagnostics()
    assert diag["garbage_bytes"] > 0 and diag["open_doors"] == [4]


def test_board_process_dies(rig):
    sim, dev, _rec = rig
    online(dev)
    sim.stop()
    wait_for(lambda: dev.status().state == DeviceState.NO_DEVICE, "no_device")
    err = outcome(dev.open_door(1))
    assert isinstance(err, HalError) and err.code == "no_device"


def test_open_state_is_a_setting(tmp_path):
    """Boards wired the other way round report 00 for open: the setting follows the board."""
    sim = PtyLockerSim(tmp_path, "", locks=LOCKS, open_state=0x00, closed_state=0x11)
    dev = make_driver(sim.link, open_state=0x00, closed_state=0x11)
    wrong = make_driver(sim.link, poll_interval=3600)
    try:
        dev.start()
        assert outcome(dev.open_door(1)) is True and outcome(dev.door_state(2)) is False
        dev.stop()
        wrong.start()
        # the default setting (11 = open) reads this board's closed door 2 as open
        assert outcome(wrong.door_state(2)) is True
    finally:
        dev.stop()
        wrong.stop()
        sim.stop()
