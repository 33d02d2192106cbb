"""In-process card-reader simulator: a scripted card that can be placed and removed."""
from __future__ import annotations

from typing import Any, Mapping

from drivers.base import (CancelToken, CommandHandle, DeviceState, DeviceWorker, HalError,
                          MediaState, RecommendedAction)
from drivers.card_reader.base import CARD_INSERTED, CARD_REMOVED, IdentityRecord

# Fictitious person; the ID number carries a valid ISO 7064 MOD 11-2 check digit.
SAMPLE_PERSON = IdentityRecord(
    document_type="resident_id", name="张三", id_number="11010519491231002X", sex="男",
    nation="汉", birth_date="1949-12-31", address="北京市东城区示例路1号",
    authority="北京市公安局东城分局", valid_from="2015-01-01", valid_to="长期")


class SimulatedCardReader(DeviceWorker):
    """Card reader whose card is set by tests or the dev tools."""

    device_class = "card_reader"

    def __init__(self, name: str = "card_reader", person: IdentityRecord | None = SAMPLE_PERSON,
                 present: bool = False, read_delay: float = 0.3) -> None:
        super().__init__(name)
        self._person = person
        self._present = present
        self.read_delay = read_delay

    def capabilities(self) -> Mapping[str, Any]:
        return {"documents": ["resident_id"], "simulated": True}

    def initial_media(self) -> MediaState:
        return MediaState.ABSENT

    def _open(self) -> None:
        self.set_status(DeviceState.ONLINE,
                        MediaState.PRESENT if self._present else MediaState.ABSENT, "simulated")

    def place_card(self, person: IdentityRecord | None = None) -> None:
        """Simulate a resident laying a card on the reader."""
        if person is not None:
            self._person = person
        self._present = True
        self.set_status(media=MediaState.PRESENT)
        self.emit(CARD_INSERTED)

    def remove_card(self) -> None:
        """Simulate the card being taken away."""
        self._present = False
        self.set_status(media=MediaState.ABSENT)
        self.emit(CARD_REMOVED)

    def set_offline(self, offline: bool = True) -> None:
        """Simulate the reader going offline (or back online)."""
        self.set_status(DeviceState.OFFLINE if offline else DeviceState.ONLINE,
                        detail="simulated offline" if offline else "simulated")

    def read_card(self, timeout: float = 10.0) -> CommandHandle[IdentityRecord]:
        """Wait for a card (up to timeout) and read it."""
        return self.submit("read_card", self._read, timeout)

    def _read(self, token: CancelToken) -> IdentityRecord:
        if self.status().state != DeviceState.ONLINE:
            raise HalError("offline", "The card reader is offline.", RecommendedAction.CALL_STAFF)
        while not self._present:
            token.sleep(0.05)
        token.sleep(self.read_delay)
        if self._person is None:
            raise HalError("read_failed", "The card could not be read; place it again.",
                           RecommendedAction.RETRY)
        return self._person


def make(name: str, options: Mapping[str, Any]) -> SimulatedCardReader:
    """Factory used by the driver registry."""
    return SimulatedCardReader(name, present=bool(options.get("card_present", False)),
                               read_delay=float(options.get("read_delay", 0.3)))
