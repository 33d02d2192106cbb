"""The passport rung with real parts: the MRZ parts typed in the flow open the simulated chip through the
real PC/SC driver (pcscd + vpcd + the eMRTD simulator process), and the real platform answers."""
from __future__ import annotations

import time

import pytest

from drivers.card_reader.mrtd.mrz import check_digit
from drivers.card_reader.pcsc_driver import make
from drivers.card_reader.sim.vicc.holder import Holder
from kiosk.flow.apply import identity_intents as ii
from kiosk.flow.apply import intents as ai
from kiosk.flow.apply.identity_mrz import bac_line
from kiosk.flow.browse import intents as bi
from tests.card_reader.pcsc_fixtures import READER, pcscd, start_sim  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.platform, pytest.mark.hardware_sim]
HOLDER = Holder()  # ZHANG SAN, EZ0000014, CHN: a passport the reference platform does not know


def typed(doc: str, birth: str, expiry: str) -> dict[str, str]:
    return {"mrz_document": doc + check_digit(doc.ljust(9, "<")),
            "mrz_birth": birth + check_digit(birth), "mrz_expiry": expiry + check_digit(expiry)}


@pytest.fixture
def pcsc_reader(hub):
    """The real PC/SC driver as the hub's card reader."""
    driver = make("card_reader", {"reader": READER})
    driver.start()
    hub.card_reader = hub.devices["card_reader"] = driver
    yield driver
    driver.stop()


def test_typed_mrz_opens_the_real_chip(start_sim, pcsc_reader):
    start_sim()
    record = pcsc_reader.read_mrtd(bac_line(typed(HOLDER.document_number, HOLDER.birth,
                                                  HOLDER.expiry)), 15).result(20)
    assert (record.id_number, record.extra["nationality"]) == ("EZ0000014", "CHN")


def test_passport_rung_reads_the_chip_and_the_platform_answers(start_sim, pcsc_reader, host):
    start_sim()
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService("MED-003"))
    host.dispatch(ai.StartApply("MED-003"))
    host.dispatch(ii.ChooseIdentityWay("passport"))
    for field_id, text in typed(HOLDER.document_number, HOLDER.birth, HOLDER.expiry).items():
        host.dispatch(ii.TypeIdentityField(field_id, text))
    host.dispatch(ii.ReadPassport())
    end = time.monotonic() + 30
    while host.state.page.state in ("reading", "verifying") and time.monotonic() < end:
        time.sleep(0.05)
    page = host.state.page
    # the chip opened with the typed keys; the platform knows no holder of this passport
    assert page.state == "failed" and page.message.key == "apply.ident.unknown.passport", page
    assert page.next_way == "eid_qr"
