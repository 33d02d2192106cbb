"""The simulator's end of the serial line: a pty pair, a symlink to its slave, baud pacing."""
from __future__ import annotations

import os
import select
import time
import tty


class PtyLink:
    """Owns a pty pair and exposes the slave device through a stable symlink path."""

    CHUNK = 32

    def __init__(self, link_path: str, baud: int = 0) -> None:
        self.link_path = link_path
        self.baud = baud
        self.master: int | None = None
        self.slave: int | None = None
        self.slave_name = ""
        self.bytes_out = 0

    def open(self) -> None:
        """Create a new pty pair and point the symlink at its slave (atomically)."""
        if os.path.lexists(self.link_path) and not (
                os.path.islink(self.link_path)
                and os.readlink(self.link_path).startswith("/dev/pts/")):
            # only ever replace a link to a pty (ours, or a dead simulator's): never a user's file
            raise FileExistsError(f"{self.link_path} already exists and is not a simulator link "
                                  "to a pty; choose another --link")
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)  # no echo, no CR/LF translation: a binary line
        self.slave_name = os.ttyname(self.slave)
        tmp = f"{self.link_path}.{os.getpid()}.tmp"
        if os.path.lexists(tmp):
            os.unlink(tmp)
        os.symlink(self.slave_name, tmp)
        os.replace(tmp, self.link_path)

    def close(self, remove_link: bool = True) -> None:
        """Close both ends (the driver's open port then fails) and remove the symlink."""
        if remove_link and os.path.islink(self.link_path) \
                and os.readlink(self.link_path) == self.slave_name:
            os.unlink(self.link_path)
        for fd in (self.master, self.slave):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.master = self.slave = None

    def read(self, timeout: float) -> bytes:
        """Bytes the driver wrote, or b'' after timeout."""
        if self.master is None:
            time.sleep(timeout)
            return b""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            return os.read(self.master, 4096)
        except OSError:
            return b""

    def pace(self, nbytes: int) -> None:
        """Sleep as long as nbytes take on a real line at the configured baud (10 bits/byte)."""
        if self.baud > 0 and nbytes > 0:
            time.sleep(nbytes * 10 / self.baud)

    def write(self, data: bytes, stop_after: int | None = None) -> None:
        """Write data paced to the baud rate; stop_after cuts it short (card removed mid-send)."""
        if self.master is None:
            return
        if stop_after is not None:
            data = data[:stop_after]
        start = time.monotonic()
        sent = 0
        while sent < len(data):
            chunk = data[sent:sent + self.CHUNK]
            os.write(self.master, chunk)
            sent += len(chunk)
            self.bytes_out += len(chunk)
            if self.baud > 0:  # keep the cumulative schedule, not per-chunk sleeps
                due = start + sent * 10 / self.baud
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
