"""SamLink when the peer behind its pty hangs up: every OS/termios error becomes port_lost."""
import os
import tty

import pytest

from drivers.card_reader.sam_errors import SamError
from drivers.card_reader.sam_frames import FIND
from drivers.card_reader.sam_link import SamLink


def test_peer_hangup_is_port_lost_not_termios_error():
    master, slave = os.openpty()
    tty.setraw(slave)
    link = SamLink(os.ttyname(slave))
    link.open()
    os.close(master)  # the simulator process died: the pty is hung up (EIO on flush/read)
    try:
        with pytest.raises(SamError) as err:
            link.exchange(FIND, 0.3)
        assert err.value.code in ("port_lost", "reader_no_answer")
        if err.value.code == "port_lost":
            assert not link.is_open and link.stats["port_errors"] == 1
    finally:
        link.close()
        os.close(slave)
