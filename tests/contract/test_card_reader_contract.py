"""Card-reader contract: the simulator, the SAM reader over a pty (sam_sim) and the e-passport
reader over pcscd+vpcd (vicc_sim) answer the same assertions."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from drivers.base import HalError, MediaState
from drivers.card_reader.base import CardReader, IdentityRecord
from drivers.card_reader.simulator import SimulatedCardReader
from drivers.events import CardInserted
from testkit.recorder import EventRecorder
from testkit.waiting import wait_for
from tests.contract.contract_checks import (check_diagnostics_redacted, check_events_typed,
                                            check_status_vocabulary, check_stop_joins)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "card_reader"))
from pcsc_fixtures import READER, pcscd, start_sim  # noqa: E402,F401 (fixtures)

READER_MEDIA = {MediaState.UNKNOWN, MediaState.PRESENT, MediaState.ABSENT}


def _run(reader, rec: EventRecorder, place) -> None:
    assert isinstance(reader, CardReader)
    place()
    rec.wait_for(CardInserted)
    wait_for(lambda: reader.status().media == MediaState.PRESENT, "card present")
    check_status_vocabulary(reader.status(), READER_MEDIA)
    person = reader.read_card(15).result(20)
    assert isinstance(person, IdentityRecord) and person.name and person.id_number
    assert person.name not in repr(person) and person.id_number not in repr(person)
    check_events_typed(rec, reader.name)
    check_diagnostics_redacted(reader.diagnostics(), [person.name, person.id_number])
    check_stop_joins(reader)


def _started(reader) -> EventRecorder:
    rec = EventRecorder()
    reader.add_listener(rec)
    reader.start()
    return rec


def test_simulator_contract():
    reader = SimulatedCardReader(read_delay=0.0, options={"script": []})
    rec = _started(reader)
    try:
        with pytest.raises(HalError):  # no card: the read fails with a HalError (timeout)
            reader.read_card(0.2).result(5)
        _run(reader, rec, lambda: reader.do_by_hand("place_card"))
    finally:
        reader.stop()


def test_sam_reader_over_pty_contract(tmp_path):
    from drivers.card_reader.sam_driver import SamCardReader
    from drivers.card_reader.sim.sam import launch
    link = str(tmp_path / "ttySAM")
    sim = launch(link, {})  # a card lies on the reader from the start
    reader = SamCardReader("card_reader", link, poll_interval=0.05, response_timeout=1.0)
    try:
        rec = _started(reader)
        _run(reader, rec, lambda: None)
    finally:
        reader.stop()
        sim.stop()


@pytest.mark.hardware_sim
def test_epassport_over_pcsc_contract(start_sim):
    from drivers.card_reader.pcsc_driver import make
    from drivers.card_reader.sim.vicc.holder import Holder
    reader = make("card_reader", {"reader": READER})
    reader.set_mrz(Holder().mrz_lines()[1])
    rec = _started(reader)
    try:
        _run(reader, rec, start_sim)
    finally:
        reader.stop()
