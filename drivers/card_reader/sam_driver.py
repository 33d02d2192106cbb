"""Resident ID card reader driver: GA/T 467 SAM over a serial port, on the HAL worker thread."""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any, Mapping

from drivers.base import (CancelToken, CommandHandle, DeviceState, DeviceWorker, HalError,
                          MediaState)
from drivers.card_reader.base import CARD_INSERTED, CARD_REMOVED, READ_FAILED, IdentityRecord
from drivers.card_reader.id_text import decode_address, parse_text_block
from drivers.card_reader.sam_errors import (HARDWARE_SW3, SW3_FOUND, SW3_NO_CONTENT, SW3_OK,
                                            SamError, card_removed, status_error)
from drivers.card_reader.sam_frames import (FIND, READ_APPENDED, READ_BASE, SELECT, STATUS,
                                            parse_base_message)
from drivers.card_reader.sam_link import SamLink
from drivers.reconnect import Backoff

log = logging.getLogger(__name__)

SW3_SELF_TEST_FAILED = 0x60

BASE_MESSAGE_BYTES = 1295  # full 30 01 answer frame: 7 header + 3 SW + 4 lengths + 256 + 1024 + 1


class SamCardReader(DeviceWorker):
    """Reads Chinese resident ID cards through a SAM module on a serial line."""

    device_class = "card_reader"

    def __init__(self, name: str, port: str, baud: int = 115200, poll_interval: float = 0.5,
                 response_timeout: float = 0.5, retries: int = 2,
                 backoff: tuple[float, float] = (0.2, 5.0), link: SamLink | None = None) -> None:
        super().__init__(name)
        self.poll_interval = poll_interval
        self.response_timeout = response_timeout
        self.retries = retries
        self._reconnect = Backoff(*backoff)  # the HAL base reopens the port with this backoff
        self.link = link or SamLink(port, baud)
        self._failures = 0
        self.polls = 0
        # sticky for this driver's life: a SAM that once failed its self-test (SW3 60) marks
        # every later read, even if a later status check says 90 (the flow decides)
        self.sam_fault_seen = False

    # --- contract ---------------------------------------------------------------------------
    def capabilities(self) -> Mapping[str, Any]:
        """Static facts about this reader."""
        return {"documents": ["resident_id"], "transport": "serial", "protocol": "GA/T 467 SAM",
                "photo": "opaque wavelet bytes", "appended_address": True}

    def initial_media(self) -> MediaState:
        """Unknown until the first poll."""
        return MediaState.UNKNOWN

    def _open(self) -> None:
        self.link.open()
        self._check_reader()

    def _close(self) -> None:
        self.link.close()

    def _diagnostics(self) -> dict[str, Any]:
        d = self.link.decoder
        return {"port": self.link.port, "baud": self.link.baud, "link": dict(self.link.stats),
                "garbage_bytes": d.discarded, "frames": d.frames, "reopens": self.reopen_count,
                "polls": self.polls, "poll_interval": self.poll_interval,
                "sam_fault_seen": self.sam_fault_seen}

    # --- commands ---------------------------------------------------------------------------
    def read_card(self, timeout: float = 10.0) -> CommandHandle[IdentityRecord]:
        """Wait up to timeout for a card, then read it (text, photo bytes, appended address)."""
        return self.submit("read_card", self._read, timeout)

    def _read(self, token: CancelToken) -> IdentityRecord:
        try:
            return self._read_card(token)
        except HalError as exc:
            if exc.code not in ("timeout", "cancelled"):
                self.emit(READ_FAILED, code=exc.code, message=exc.message)
            raise

    def _read_card(self, token: CancelToken) -> IdentityRecord:
        if not self.link.is_open and not self._try_open():
            raise self.open_error()
        while True:
            resp = self._cmd(FIND, token)
            if resp.sw3 == SW3_FOUND:
                break
            if resp.sw3 != 0x80:
                raise status_error(resp.sw3)
            self._set_media(False)
            token.sleep(min(0.2, self.poll_interval))
        self._set_media(True)
        resp = self._cmd(SELECT, token)
        if resp.sw3 != SW3_OK:
            raise self._card_gone_or(status_error(resp.sw3), token)
        try:
            resp = self._cmd(READ_BASE, token, expect_bytes=BASE_MESSAGE_BYTES)
        except SamError as exc:
            raise self._card_gone_or(exc, token) from None
        if resp.sw3 != SW3_OK:
            raise self._card_gone_or(status_error(resp.sw3), token)
        text, photo = parse_base_message(resp.data)
        appended, missing = self._read_appended(token)
        record = parse_text_block(text, photo, appended)
        if self.sam_fault_seen:
            record = replace(record, plausibility=record.plausibility + ("sam_self_test_failed",))
        return replace(record, missing=missing) if missing else record

    def _read_appended(self, token: CancelToken) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The optional appended address; a reader or card that cannot give it never costs the
        base record (older SAM modules reject 30 03 with SW3 21)."""
        try:
            resp = self._cmd(READ_APPENDED, token, expect_bytes=90)
        except SamError as exc:
            if exc.code in ("cancelled", "timeout", "port_lost"):
                raise
            log.info("%s: appended address not read: %s", self.name, exc.code)
            return "", (("appended_address", exc.code),)
        if resp.sw3 == SW3_OK:
            try:
                return decode_address(resp.data), ()
            except ValueError:
                return "", (("appended_address", "unreadable"),)
        if resp.sw3 == SW3_NO_CONTENT:
            return "", ()
        reason = "not_supported" if resp.sw3 == 0x21 else status_error(resp.sw3).code
        log.info("%s: appended address not read (SW3 %02X)", self.name, resp.sw3)
        return "", (("appended_address", reason),)

    def _cmd(self, cmd: tuple[int, int], token: CancelToken | None, expect_bytes: int = 16):
        try:
            resp = self.link.transact(cmd, self.response_timeout, token, self.retries, expect_bytes)
        except SamError as exc:
            if exc.code == "port_lost":
                self._went_away(exc)
            raise
        self._note(resp.sw3)
        if resp.sw3 in HARDWARE_SW3:
            err = status_error(resp.sw3)
            self.set_status(DeviceState.HARDWARE_ERROR, detail=err.message)
            raise err
        return resp

    def _note(self, sw3: int) -> None:
        if sw3 == SW3_SELF_TEST_FAILED:
            self.sam_fault_seen = True

    def _card_gone_or(self, error: SamError, token: CancelToken) -> SamError:
        """After a failed step: 'card_removed' if the card has left, else the error itself."""
        if error.code in ("port_lost", "reader_no_answer", "sam_self_test_failed",
                          "sam_not_authorized"):
            return error
        try:
            resp = self._cmd(FIND, token)
        except SamError:
            return error
        if resp.sw3 == 0x80:
            self._set_media(False)
            return card_removed()
        return error

    # --- polling ----------------------------------------------------------------------------
    def _poll(self) -> None:
        self.polls += 1
        try:
            if self.status().state != DeviceState.ONLINE:
                self._check_reader()
                return
            resp = self.link.exchange(FIND, self.response_timeout + self.link.wire_timeout(16))
        except SamError as exc:
            self._poll_failed(exc)
            return
        self._failures = 0
        self._note(resp.sw3)
        if resp.sw3 == SW3_FOUND:
            self._set_media(True)
        elif resp.sw3 == 0x80:
            # some readers stop "finding" a card that was already read: confirm with select
            if self.status().media == MediaState.PRESENT and self._still_selectable():
                return
            self._set_media(False)
        elif resp.sw3 in HARDWARE_SW3:
            err = status_error(resp.sw3)
            self.set_status(DeviceState.HARDWARE_ERROR, detail=err.message)
            self.emit_error(err)

    def _still_selectable(self) -> bool:
        try:
            return self.link.exchange(SELECT, self.response_timeout).sw3 == SW3_OK
        except SamError:
            return False

    def _poll_failed(self, exc: SamError) -> None:
        if exc.code == "port_lost":
            self._went_away(exc)
            return
        self._failures += 1
        if self._failures == 3:  # log and report once per outage, not on every poll
            self.set_status(DeviceState.OFFLINE, MediaState.UNKNOWN, exc.message)
            self.emit_error(exc)

    def _check_reader(self) -> None:
        """Ask the SAM for its status; ONLINE on 90."""
        resp = self.link.transact(STATUS, self.response_timeout, None, self.retries)
        self._note(resp.sw3)
        if resp.sw3 == SW3_OK:
            self._failures = 0
            self.set_status(DeviceState.ONLINE, detail=f"{self.link.port} @ {self.link.baud}")
            return
        err = status_error(resp.sw3)
        state = DeviceState.HARDWARE_ERROR if resp.sw3 in HARDWARE_SW3 else DeviceState.OFFLINE
        self.set_status(state, detail=err.message)
        raise err

    def _went_away(self, exc: SamError) -> None:
        self._connection_lost(exc, MediaState.UNKNOWN)  # the HAL base reopens with backoff

    def _set_media(self, present: bool) -> None:
        """Update card presence; events only on a change."""
        old = self.status().media
        new = MediaState.PRESENT if present else MediaState.ABSENT
        if old == new:
            return
        self.set_status(media=new)
        if present:
            self.emit(CARD_INSERTED)
        elif old == MediaState.PRESENT:
            self.emit(CARD_REMOVED)


def make(name: str, options: Mapping[str, Any]) -> SamCardReader:
    """Registry factory: options port (required), baud, poll_interval, response_timeout."""
    if not options.get("port"):
        raise HalError("config_error", "The ID card reader needs a 'port' in the configuration.")
    return SamCardReader(name, str(options["port"]), baud=int(options.get("baud", 115200)),
                         poll_interval=float(options.get("poll_interval", 0.5)),
                         response_timeout=float(options.get("response_timeout", 0.5)),
                         retries=int(options.get("retries", 2)))
