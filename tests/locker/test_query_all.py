"""The all-locks query (lock 00) on boards that answer it, and the lock-by-lock fallback, against
the board simulator process on a pty (and the frame helpers on their own)."""
import pytest

from drivers.base import HalError
from drivers.locker.frames import build_all_states, find_all_states
from drivers.locker.serial_driver import LockerBoardDriver
from drivers.locker.sim.process import PtyLockerSim
from testkit.waiting import wait_for

pytestmark = pytest.mark.hardware_sim
LOCKS = 6


def make_driver(port, **kw):
    opts = dict(locks=LOCKS, poll_interval=3600, response_timeout=0.1, retries=1,
                left_open_s=60, open_confirm_s=0.2, reopen_backoff=(0.05, 0.2), query_all=True)
    opts.update(kw)
    return LockerBoardDriver("locker", str(port), **opts)


def error_of(dev):
    """The HalError code of one all-doors read, None when it succeeds."""
    try:
        dev.states_all().result(10)
    except HalError as exc:
        return exc.code
    return None


def test_bitmap_frame_round_trip_and_bad_bcc():
    frame = build_all_states(1, 0b10_0000_0010)  # locks 2 and 10
    assert frame == bytes((0x80, 0x01, 0x00, 0x02, 0x02, 0x33)) + bytes((0x80 ^ 0x01 ^ 0x02 ^ 0x02 ^ 0x33,))
    assert find_all_states(b"\x00\x8a" + frame + b"\x80", 1) == (0b10_0000_0010, False)
    assert find_all_states(frame, 2) == (None, False)  # another board's answer
    bad = frame[:-1] + bytes((frame[-1] ^ 0xFF,))
    assert find_all_states(bad, 1) == (None, True)


def test_one_query_reads_every_door_on_a_board_that_answers_it(tmp_path):
    sim = PtyLockerSim(tmp_path, "query_all,left_open=2+5", locks=LOCKS)
    dev = make_driver(sim.link)
    try:
        dev.start()
        states = dev.states_all().result(10)
        assert states == {1: False, 2: True, 3: False, 4: False, 5: True, 6: False}
        assert dev.all_locks_query is True
        assert dev.counters["requests"] == 0  # no per-lock query was needed
        sim.control(close=[2])
        wait_for(lambda: dev.states_all().result(10)[2] is False, "door 2 closed")
    finally:
        dev.stop()
        sim.stop()


def test_a_board_without_it_is_read_lock_by_lock(tmp_path):
    sim = PtyLockerSim(tmp_path, "left_open=4", locks=LOCKS)
    dev = make_driver(sim.link)
    try:
        dev.start()
        states = dev.states_all().result(10)
        assert [k for k, v in states.items() if v] == [4]
        assert dev.all_locks_query is False and dev.counters["requests"] == LOCKS
        dev.states_all().result(10)  # not tried again
        assert dev.counters["all_locks_queries"] == 2  # the first try and its one retry
    finally:
        dev.stop()
        sim.stop()


def test_inverted_wiring_and_faults(tmp_path):
    sim = PtyLockerSim(tmp_path, "query_all,left_open=1", locks=LOCKS, open_state=0x00,
                       closed_state=0x11)
    dev = make_driver(sim.link, open_state=0x00, closed_state=0x11)
    try:
        dev.start()
        assert [k for k, v in dev.states_all().result(10).items() if v] == [1]
        sim.control(bad_bcc=True)  # a corrupted bitmap: fall back, and the per-lock reads fail
        wait_for(lambda: error_of(dev) == "bad_checksum", "the wrong checksum reported")
        assert dev.counters["bad_bcc"] >= 1
        sim.control(bad_bcc=False)
        wait_for(lambda: error_of(dev) is None, "readable again")
        assert [k for k, v in dev.states_all().result(10).items() if v] == [1]
    finally:
        dev.stop()
        sim.stop()
