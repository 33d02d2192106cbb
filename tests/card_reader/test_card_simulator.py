"""Card-reader simulator: every script step and its events."""
from __future__ import annotations

import pytest

from drivers.base import DeviceState, HalError, MediaState
from drivers.card_reader.simulator import SAMPLE_PERSON, SimulatedCardReader
from drivers.events import CardInserted, CardRemoved, StatusChanged
from testkit.fixtures import clock, run_sim  # noqa: F401 (fixtures)
from testkit.waiting import wait_for


def test_card_placed_read_and_removed_by_script(clock, run_sim):
    reader = SimulatedCardReader(read_delay=0.0, options={"script": [
        {"wait": 1, "do": "place_card"}, {"wait": 1, "do": "remove_card"}]}, clock=clock)
    rec = run_sim(reader)
    clock.advance(1)
    assert rec.wait_for(CardInserted).reader == "simulated"
    assert reader.status().media == MediaState.PRESENT
    person = reader.read_card(5).result(5)
    assert person == SAMPLE_PERSON and "张三" not in repr(person)  # the fictitious resident, masked
    clock.advance(1)
    rec.wait_for(CardRemoved)
    wait_for(lambda: reader.status().media == MediaState.ABSENT, "media absent")


def test_unreadable_card_fails_with_a_hal_error(clock, run_sim):
    reader = SimulatedCardReader(read_delay=0.0, options={"script": [
        {"do": "place_unreadable_card"}]}, clock=clock)
    rec = run_sim(reader)
    rec.wait_for(CardInserted)
    with pytest.raises(HalError) as info:
        reader.read_card(5).result(5)
    assert info.value.code == "read_failed"


def test_card_reader_offline_step_fails_reads(clock, run_sim):
    reader = SimulatedCardReader(options={"script": [{"do": "go_offline"}]}, clock=clock)
    rec = run_sim(reader)
    rec.wait_for(StatusChanged, lambda e: e.status.state == DeviceState.OFFLINE)
    with pytest.raises(HalError) as info:
        reader.read_card(2).result(5)
    assert info.value.code == "offline"


