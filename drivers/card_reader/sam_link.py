"""Serial transport for the SAM reader: open/close the port, send a command, await its frame."""
from __future__ import annotations

import termios
import time
from typing import Callable

import serial

from drivers.base import CancelToken
from drivers.card_reader.sam_errors import (SW3_ERRORS, FrameError, SamError, late_reply,
                                            no_answer, no_device, port_lost)
from drivers.card_reader.sam_frames import (FIND, READ_APPENDED, READ_BASE, SELECT, STATUS,
                                            FrameDecoder, Response, build_command, parse_response)

RETRYABLE_SW3 = {0x10, 0x11}  # the reader saw our command damaged: send it again
# success codes a command never answers: such a frame is a late answer to an earlier command
# (the frames carry no command echo), so it is dropped and the command sent again
LATE_SW3 = {FIND: {0x90}, SELECT: {0x9F}, STATUS: {0x9F}, READ_BASE: {0x9F},
            READ_APPENDED: {0x9F}}


def is_late_reply(cmd: tuple[int, int], resp: Response, expect_bytes: int) -> bool:
    """True when resp cannot be this command's answer (see LATE_SW3; a data-less 90 to a read)."""
    if resp.sw3 in LATE_SW3.get(cmd, ()):
        return True
    return cmd == READ_BASE and resp.sw3 == 0x90 and not resp.data


class SamLink:
    """One serial port to a SAM reader; raises only SamError (and token errors)."""

    def __init__(self, port: str, baud: int = 115200,
                 serial_factory: Callable[..., serial.Serial] = serial.Serial) -> None:
        self.port = port
        self.baud = baud
        self._factory = serial_factory
        self._ser: serial.Serial | None = None
        self.decoder = FrameDecoder()
        self.stats = {"commands": 0, "retries": 0, "timeouts": 0, "bad_checksums": 0,
                      "port_errors": 0, "bytes_out": 0, "bytes_in": 0, "late_replies": 0}

    @property
    def is_open(self) -> bool:
        """True while the port is open."""
        return self._ser is not None

    def open(self) -> None:
        """Open the port (8N1, no flow control, no modem lines)."""
        self.close()
        try:
            self._ser = self._factory(self.port, self.baud, timeout=0.05, write_timeout=1.0)
        except (serial.SerialException, OSError, ValueError):
            raise no_device(self.port) from None
        self.decoder.clear()

    def close(self) -> None:
        """Close the port if open (never raises)."""
        ser, self._ser = self._ser, None
        if ser is not None:
            try:
                ser.close()
            except Exception:  # closing a vanished device may fail; it is gone either way
                pass

    def wire_timeout(self, nbytes: int) -> float:
        """Time nbytes need on the wire at the configured baud, with margin."""
        return 2.0 * nbytes * 10 / self.baud

    def _lost(self, exc: BaseException) -> SamError:
        self.stats["port_errors"] += 1
        self.close()
        return port_lost(type(exc).__name__)

    def exchange(self, cmd: tuple[int, int], timeout: float, token: CancelToken | None = None,
                 data: bytes = b"") -> Response:
        """Send one command and return the first valid answer frame (no retries)."""
        if self._ser is None:
            raise port_lost("port not open")
        frame = build_command(cmd, data)
        try:
            self._ser.reset_input_buffer()
            self.decoder.clear()
            self._ser.write(frame)
            self._ser.flush()
        except (serial.SerialException, OSError, termios.error) as exc:
            # termios.error (EIO) when the peer behind a pty went away and a new one took the link
            raise self._lost(exc) from None
        self.stats["commands"] += 1
        self.stats["bytes_out"] += len(frame)
        bad_before = self.decoder.bad_checksums
        deadline = time.monotonic() + timeout
        while True:
            if token is not None:
                token.check()
            try:
                chunk = self._ser.read(max(1, self._ser.in_waiting))
            except (serial.SerialException, OSError, TypeError, termios.error) as exc:
                # TypeError: pyserial's read() races with a concurrent close of a vanished fd
                raise self._lost(exc) from None
            if chunk:
                self.stats["bytes_in"] += len(chunk)
                self.decoder.feed(chunk)
                payload = self.decoder.next_frame()
                if payload is not None:
                    return parse_response(payload)
            if time.monotonic() >= deadline:
                bad = self.decoder.bad_checksums - bad_before
                self.stats["bad_checksums"] += bad
                if bad:
                    raise FrameError("checksum wrong", "frame_checksum")
                self.stats["timeouts"] += 1
                raise no_answer()

    def transact(self, cmd: tuple[int, int], timeout: float, token: CancelToken | None = None,
                 retries: int = 2, expect_bytes: int = 16) -> Response:
        """exchange() with retries on damaged frames, timeouts and SW3 10/11."""
        limit = timeout + self.wire_timeout(expect_bytes)
        last: SamError | None = None
        for attempt in range(retries + 1):
            if attempt:
                self.stats["retries"] += 1
            try:
                resp = self.exchange(cmd, limit, token)
            except FrameError as exc:
                last = exc
                continue
            except SamError as exc:
                if exc.code != "reader_no_answer":
                    raise
                last = exc
                continue
            if resp.sw3 in RETRYABLE_SW3:
                code, message, action = SW3_ERRORS[resp.sw3]
                last = SamError(code, message, action)
                continue
            if is_late_reply(cmd, resp, expect_bytes):
                self.stats["late_replies"] += 1
                last = late_reply()
                continue
            return resp
        assert last is not None
        raise last
