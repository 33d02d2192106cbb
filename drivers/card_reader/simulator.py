"""In-process card-reader simulator: a scripted card that can be placed and removed."""
from __future__ import annotations

import time
from typing import Any, Callable, Mapping

from drivers.base import (CancelToken, CommandHandle, DeviceState, DeviceWorker, HalError,
                          MediaState, RecommendedAction)
from drivers.card_reader.base import IdentityRecord
from drivers.events import CardInserted, CardRemoved
from drivers.sim_script import ScriptedSimulator

# Fictitious person; the ID number carries a valid ISO 7064 MOD 11-2 check digit.
SAMPLE_PERSON = IdentityRecord(
    document_type="resident_id", name="张三", id_number="11010519491231002X", sex="男",
    nation="汉", birth_date="1949-12-31", address="北京市东城区示例路1号",
    authority="北京市公安局东城分局", valid_from="2015-01-01", valid_to="长期")


class SimulatedCardReader(ScriptedSimulator, DeviceWorker):
    """Card reader whose card is placed and removed by a profile script, tests or the dev tools."""

    device_class = "card_reader"
    ACTIONS = {"place_card": {}, "place_unreadable_card": {}, "remove_card": {}}
    DEFAULT_SCRIPT: list[dict] = []  # no card appears unless the profile scripts one

    def __init__(self, name: str = "card_reader", person: IdentityRecord | None = SAMPLE_PERSON,
                 present: bool = False, read_delay: float = 0.3,
                 options: Mapping[str, Any] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(name)
        self._setup_script(options or {}, clock)
        self._person = person
        self._present = present
        self.read_delay = read_delay

    def capabilities(self) -> Mapping[str, Any]:
        return {"documents": ["resident_id"], "simulated": True}

    def initial_media(self) -> MediaState:
        return MediaState.ABSENT

    def _open(self) -> None:
        self.player.restart()
        self.set_status(DeviceState.ONLINE,
                        MediaState.PRESENT if self._present else MediaState.ABSENT, "simulated")

    def _poll(self) -> None:
        self._play_due()

    def place_card(self, person: IdentityRecord | None = None) -> None:
        """Simulate a resident laying a card on the reader (by hand: the script stops)."""
        self.take_over()
        self._place(person or self._person or SAMPLE_PERSON)

    def remove_card(self) -> None:
        """Simulate the card being taken away (by hand: the script stops)."""
        self.take_over()
        self._do_remove_card()

    def _do_place_card(self) -> None:
        self._place(SAMPLE_PERSON)

    def _do_place_unreadable_card(self) -> None:
        self._place(None)

    def _place(self, person: IdentityRecord | None) -> None:
        self._person = person
        self._present = True
        self.set_status(media=MediaState.PRESENT)
        self.emit(CardInserted(self.name, reader="simulated"))

    def _do_remove_card(self) -> None:
        self._present = False
        self.set_status(media=MediaState.ABSENT)
        self.emit(CardRemoved(self.name, reader="simulated"))

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


def check_options(options: Mapping[str, Any]) -> None:
    """Start-up check of the options (raises ScriptError on a bad script)."""
    from drivers.sim_script import check_options as check
    check(SimulatedCardReader, options)


def make(name: str, options: Mapping[str, Any]) -> SimulatedCardReader:
    """Factory used by the driver registry."""
    return SimulatedCardReader(name, present=bool(options.get("card_present", False)),
                               read_delay=float(options.get("read_delay", 0.3)), options=options)
