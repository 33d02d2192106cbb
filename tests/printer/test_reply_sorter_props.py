"""Property tests for the printer's reply sorter: only a job's own fence frame confirms it."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.printer.escpos_replies import ReplySorter, fence_command, fence_id
from drivers.printer.escpos_status import is_dle_eot_reply

CASES = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def frame(fid: bytes) -> bytes:
    return b"\x37\x22" + fid + b"\x00"


def _feed(data: bytes) -> tuple[ReplySorter, list[int]]:
    sorter = ReplySorter()
    answers = [a for a in (sorter.feed(b) for b in data) if a is not None]
    return sorter, answers


@CASES
@given(st.binary(max_size=400))
def test_garbage_never_raises_and_memory_stays_bounded(data):
    sorter, answers = _feed(data)
    assert all(is_dle_eot_reply(a) for a in answers)
    assert len(sorter.fences) <= ReplySorter.MAX_FENCES and len(sorter._frame) < 7
    for fid in sorter.fences:  # a fence is only ever reported if its whole frame was received
        assert frame(fid) in data


@CASES
@given(st.binary(max_size=60).filter(lambda b: 0x37 not in b), st.integers(0, 9999),
       st.binary(max_size=60))
def test_own_fence_is_found_behind_any_noise(noise, number, tail):
    fid = fence_id(number)
    sorter, _ = _feed(noise + frame(fid) + tail)
    assert fid in sorter.fences


@CASES
@given(st.integers(0, 9999), st.integers(0, 9999), st.binary(max_size=40))
def test_another_jobs_fence_or_a_stray_zero_never_confirms(mine, other, noise):
    fid, late = fence_id(mine), fence_id(other)
    data = noise.replace(b"\x37", b"") + frame(late) + b"\x00"
    sorter, _ = _feed(data)
    assert (fid in sorter.fences) == (fid == late)


def test_fence_command_bytes():
    assert fence_command(b"0042") == b"\x1d(H\x06\x00\x30\x300042"
    assert fence_id(123456) == b"3456"
