"""Property tests over a real pty: whatever a reader sends, exchange() returns or raises SamError."""
import os
import select
import threading
import tty

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from drivers.card_reader.sam_errors import SamError
from drivers.card_reader.sam_frames import FIND, build_base_message, build_response
from drivers.card_reader.sam_link import SamLink
from drivers.card_reader.sim.sam.reader import SimReader
from drivers.card_reader.sim.sam.script import load_script


@pytest.fixture(scope="module")
def pty_link():
    master, slave = os.openpty()
    tty.setraw(slave)
    link = SamLink(os.ttyname(slave), 115200)
    link.open()
    try:
        yield master, link
    finally:
        link.close()
        os.close(master)
        os.close(slave)


def _drain(master):
    os.set_blocking(master, False)
    try:
        while os.read(master, 4096):
            pass
    except (BlockingIOError, OSError):
        pass


answers = st.one_of(
    st.binary(max_size=200),
    st.builds(lambda sw3, data: build_response(sw3, data), st.integers(0, 255),
              st.binary(max_size=60)),
    st.builds(lambda d, cut, flip: (lambda f: f[:cut] + bytes([f[cut % len(f)] ^ flip])
                                    + f[cut + 1:])(build_response(0x90, build_base_message(d, d))),
              st.binary(max_size=40), st.integers(0, 60), st.integers(0, 255)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=30), answers)
def test_exchange_returns_or_raises_documented_error(pty_link, noise, answer):
    master, link = pty_link
    _drain(master)
    os.set_blocking(master, True)

    def answer_after_command():
        if select.select([master], [], [], 2.0)[0]:
            os.read(master, 64)
            os.write(master, noise + answer)

    peer = threading.Thread(target=answer_after_command)
    peer.start()
    try:
        resp = link.exchange(FIND, timeout=0.05)
    except SamError as exc:
        assert exc.code in ("reader_no_answer", "frame_checksum", "frame_too_short")
    else:
        assert 0 <= resp.sw3 <= 255
    finally:
        peer.join(5)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40))
def test_simulator_command_handler_accepts_any_payload(payload):
    reader = SimReader(load_script({}))
    actions = reader.handle(payload)
    assert actions and all(a[0] in ("write", "delay", "truncate", "close_port") for a in actions)
