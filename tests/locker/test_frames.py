"""Property tests of the 8A frame builder and the resynchronising parser (hypothesis)."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.locker.frames import (HEAD_OPEN, HEAD_QUERY, MAX_BUFFER, Frame, FrameParser, bcc,
                                   build, build_open, build_query)

MANY = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
byte = st.integers(0, 255)
frames = st.builds(Frame, st.sampled_from([HEAD_OPEN, HEAD_QUERY]), byte, byte, byte)


def test_known_frames_from_the_board_manual():
    assert build_open(1, 1) == bytes.fromhex("8A 01 01 11 9B")
    assert build_query(1, 1) == bytes.fromhex("80 01 01 33 B3")
    assert build_query(1, 0) == bytes.fromhex("80 01 00 33 B2")


@pytest.mark.parametrize("bad", [-1, 256, 1.0, True, "1"])
def test_builder_rejects_bytes_out_of_range(bad):
    with pytest.raises(ValueError, match="0 to 255"):
        build_open(1, bad)


@SOME
@given(frames)
def test_round_trip(frame):
    raw = frame.to_bytes()
    assert len(raw) == 5 and bcc(raw) == 0
    assert FrameParser().feed(raw) == [frame]


@MANY
@given(st.binary(max_size=40), frames, st.binary(max_size=40))
def test_frame_found_after_any_garbage(before, frame, after):
    """Resync: whatever noise precedes it (here free of heads), the frame is found, exactly."""
    noise = bytes(b for b in before if b not in (HEAD_OPEN, HEAD_QUERY))
    got = FrameParser().feed(noise + frame.to_bytes() + after)
    assert frame in got


@MANY
@given(st.lists(frames, min_size=1, max_size=6), st.data())
def test_split_feeding_equals_whole(batch, data):
    stream = b"".join(f.to_bytes() for f in batch)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=8)))
    parser, got, start = FrameParser(), [], 0
    for cut in cuts + [len(stream)]:
        got += parser.feed(stream[start:cut])
        start = cut
    assert got == batch and parser.pending() == 0


@SOME
@given(frames, st.integers(0, 4), st.integers(1, 255))
def test_corrupted_frame_is_never_accepted(frame, pos, flip):
    raw = bytearray(frame.to_bytes())
    raw[pos] ^= flip
    parser = FrameParser()
    assert parser.feed(bytes(raw)) == []  # one changed byte always breaks the XOR
    assert parser.bad_bcc + parser.garbage_bytes >= 1


@MANY
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_and_stay_bounded(noise):
    parser = FrameParser()
    for f in parser.feed(noise):
        assert f.head in (HEAD_OPEN, HEAD_QUERY) and bcc(f.to_bytes()) == 0
    assert parser.pending() <= MAX_BUFFER


def test_wrong_bcc_is_counted_and_next_frame_kept():
    good = build(HEAD_QUERY, 1, 2, 0x11)
    bad = bytearray(build(HEAD_QUERY, 1, 1, 0x11))
    bad[4] ^= 0xFF
    parser = FrameParser()
    assert parser.feed(bytes(bad) + good) == [Frame(HEAD_QUERY, 1, 2, 0x11)]
    assert parser.bad_bcc >= 1
