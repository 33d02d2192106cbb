"""PC/SC card reader driver: reader/card monitoring, ATR identification and eMRTD reads with BAC."""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any, Mapping

from drivers.base import (CancelToken, CommandHandle, DeviceState, DeviceWorker, HalError,
                          MediaState, RecommendedAction)
from drivers.card_reader import pcsc_atr
from drivers.card_reader.base import CARD_INSERTED, CARD_REMOVED, READ_FAILED, IdentityRecord
from drivers.card_reader.mrtd.apdu import SW_OK, select_aid, split_response
from drivers.card_reader.mrtd.errors import MrtdError, card_io, card_removed
from drivers.card_reader.mrtd.mrz import bac_information_from
from drivers.card_reader.mrtd.reader import MrtdResult, read_document
from drivers.card_reader.pcsc_monitor import PcscMonitor, ReaderState, pick_reader
from drivers.card_reader.plausibility import findings
from drivers.card_reader.pcsc_transport import CardConnection, TransportLost

log = logging.getLogger(__name__)

SERVICE_DOWN = HalError("pcsc_unavailable",
                        "The smart-card service (pcscd) is not running; the passport reader "
                        "cannot be used.", RecommendedAction.CALL_STAFF)
REMOVAL_CONFIRM_S = 3.0  # how long to watch for the card to vanish after a failed APDU


def no_reader(wanted: str | None) -> HalError:
    """The configured reader is not connected."""
    return HalError("no_reader", f"The passport reader{' ' + repr(wanted) if wanted else ''} "
                    "is not connected.", RecommendedAction.CALL_STAFF)


def record_from(result: MrtdResult) -> IdentityRecord:
    """Map an eMRTD read to the identity record the session uses."""
    mrz = result.mrz
    record = IdentityRecord(
        document_type="mrtd", name=mrz.name, id_number=mrz.document_number,
        sex={"M": "男", "F": "女"}.get(mrz.sex, ""), nation=mrz.nationality,
        birth_date=mrz.birth_date, authority=mrz.issuing_state, valid_to=mrz.expiry_date,
        extra={"document_code": mrz.document_code, "issuing_state": mrz.issuing_state,
               "nationality": mrz.nationality, "surname": mrz.surname,
               "given_names": mrz.given_names, "sex_mrz": mrz.sex, "mrz_format": mrz.format,
               "lds_version": result.com.lds_version, "data_groups": list(result.com.tags),
               "face_image": result.face.data if result.face else b"",
               "face_format": result.face.format if result.face else ""},
        missing=result.missing)
    return replace(record, plausibility=findings(record))


class PcscCardReader(DeviceWorker):
    """A PC/SC contactless reader reading ICAO 9303 travel documents."""

    device_class = "card_reader"
    poll_interval = 0.25
    reopen_backoff = (0.25, 4.0)  # pcscd restarts quickly; do not wait long to notice

    def __init__(self, name: str = "card_reader", reader: str | None = None,
                 mrz: str | None = None) -> None:
        super().__init__(name)
        self.wanted_reader = reader
        self._default_mrz = mrz
        self._monitor = PcscMonitor()
        self._reader: str | None = None
        self._present = False
        self._card_type = ""
        self._atr = b""
        self._service_up: bool | None = None
        self._counts = {"reads_ok": 0, "reads_failed": 0, "inserted": 0, "removed": 0}

    def capabilities(self) -> Mapping[str, Any]:
        return {"documents": ["mrtd"], "access_control": ["BAC"], "transport": "pcsc"}

    def initial_media(self) -> MediaState:
        return MediaState.UNKNOWN

    def _open(self) -> None:
        # pcscd unreachable: the HAL base shows NO_DEVICE and retries with backoff
        if self._monitor.snapshot() is None:
            self._service_up = False
            raise SERVICE_DOWN
        self._poll()

    def _close(self) -> None:
        self._monitor.close()

    # --- monitoring -------------------------------------------------------------------------
    def _poll(self) -> None:
        snap = self._monitor.snapshot()
        if snap is None:  # the base reports it once, closes and reopens with backoff
            self._service_up = False
            self._lose_card()
            self._reader = None
            self._connection_lost(SERVICE_DOWN, MediaState.UNKNOWN)
            return
        if self._service_up is not True:
            log.info("%s: PC/SC service available (context #%d)", self.name,
                     self._monitor.restarts + 1)
            self._service_up = True
        reader = pick_reader(list(snap), self.wanted_reader)
        if reader is None:
            if self._reader is not None or self.status().state != DeviceState.NO_DEVICE:
                log.warning("%s: reader not connected", self.name)
                self._lose_card()
                self._reader = None
                err = no_reader(self.wanted_reader)
                self.set_status(DeviceState.NO_DEVICE, MediaState.UNKNOWN, err.message)
                self.emit_error(err)
            return
        if reader != self._reader:
            log.info("%s: using reader %s", self.name, reader)
            self._reader = reader
        state = snap[reader]
        if self.status().state != DeviceState.BUSY:
            self.set_status(DeviceState.ONLINE, detail=reader)
        self._track_card(state)

    def _lose_card(self) -> None:
        if self._present:
            self._present = False
            self._counts["removed"] += 1
            self.emit(CARD_REMOVED, reader=self._reader or "")

    def _track_card(self, state: ReaderState) -> None:
        if state.present and (not self._present or state.atr != self._atr):
            self._present, self._atr = True, state.atr
            self._card_type = self._identify(state)
            self._counts["inserted"] += 1
            self.set_status(media=MediaState.PRESENT)
            self.emit(CARD_INSERTED, reader=state.name, atr=state.atr.hex().upper(),
                      card_type=self._card_type)
        elif not state.present and self._present:
            self._lose_card()
            self._atr, self._card_type = b"", ""
            self.set_status(media=MediaState.ABSENT)
        elif not state.present:
            self.set_status(media=MediaState.ABSENT)

    def _identify(self, state: ReaderState) -> str:
        kind = pcsc_atr.classify_atr(state.atr)
        if kind != pcsc_atr.CONTACTLESS_ISO14443_4:
            return kind
        try:  # the ATR cannot tell a passport; the eMRTD application can
            with CardConnection(state.name) as conn:
                _, sw = split_response(conn.transmit(select_aid().to_bytes()))
            return pcsc_atr.ICAO_EMRTD if sw == SW_OK else kind
        except (HalError, TransportLost):
            return kind

    # --- reading ----------------------------------------------------------------------------
    def read_mrtd(self, mrz: str, timeout: float = 15.0,
                  with_face: bool = True) -> CommandHandle[IdentityRecord]:
        """Wait for a document (up to timeout) and read EF.COM, DG1, DG2 with BAC keys from mrz.

        `mrz` is line 2 of a passport/TD2 MRZ or the whole MRZ (TD1 needs all three lines).
        """
        return self.submit("read_mrtd", lambda token: self._read(token, mrz, with_face), timeout)

    def read_card(self, timeout: float = 10.0) -> CommandHandle[IdentityRecord]:
        """CardReader contract: read with the MRZ from the options (set by the flow or config)."""
        if not self._default_mrz:
            return self.submit("read_card", self._need_mrz, timeout)
        return self.read_mrtd(self._default_mrz, timeout)

    def set_mrz(self, mrz: str | None) -> None:
        """Set the MRZ used by read_card() (e.g. typed by the resident or read by the camera)."""
        self._default_mrz = mrz

    @staticmethod
    def _need_mrz(_token: CancelToken) -> IdentityRecord:
        raise HalError("mrz_required", "Enter the document's machine-readable line first.",
                       RecommendedAction.RETRY)

    def _read(self, token: CancelToken, mrz: str, with_face: bool) -> IdentityRecord:
        try:
            info = bac_information_from(mrz)
            while not (self._present and self._reader):
                self._poll()
                if self._service_up is False:
                    raise SERVICE_DOWN
                token.sleep(0.1)
            self.set_status(DeviceState.BUSY)
            try:
                result = self._read_once(token, info, with_face)
            finally:
                self.set_status(DeviceState.ONLINE if self._reader else DeviceState.NO_DEVICE)
        except HalError as exc:
            if exc.code not in ("cancelled", "timeout"):
                self._counts["reads_failed"] += 1
                self.emit(READ_FAILED, code=exc.code, message=exc.message)
                self.emit_error(exc)
            raise
        self._counts["reads_ok"] += 1
        return record_from(result)

    def _read_once(self, token: CancelToken, info: str, with_face: bool) -> MrtdResult:
        reader = self._reader
        assert reader is not None
        try:
            with CardConnection(reader) as conn:
                return read_document(conn.transmit, info, token.check, with_face)
        except TransportLost as lost:
            raise self._confirm_removal(token, lost) from None

    def _confirm_removal(self, token: CancelToken, lost: TransportLost) -> MrtdError:
        """pyscard may fail first with hresult 0, then SCARD_W_REMOVED_CARD: look before judging."""
        if lost.surely_removed:
            self._poll()
            return card_removed()
        waited = 0.0
        while waited < REMOVAL_CONFIRM_S:
            self._poll()
            if not self._present:
                return card_removed()
            token.sleep(0.1)
            waited += 0.1
        return card_io(f"PC/SC code {lost.hresult}")

    def _diagnostics(self) -> dict[str, Any]:
        return {"reader": self._reader, "configured_reader": self.wanted_reader,
                "service_up": self._service_up, "pcscd_restarts_seen": self._monitor.restarts,
                "card_present": self._present, "card_type": self._card_type,
                "atr": self._atr.hex().upper(), **self._counts}


def make(name: str, options: Mapping[str, Any]) -> PcscCardReader:
    """Factory used by the driver registry (options: reader, mrz)."""
    return PcscCardReader(name, reader=options.get("reader") or None,
                          mrz=options.get("mrz") or None)
