"""The real PC/SC driver end to end: our pcscd + vpcd + the simulated eMRTD as a separate process."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from drivers.base import DeviceState, HalError, MediaState
from drivers.card_reader import pcsc_atr
from drivers.card_reader.base import CARD_INSERTED, CARD_REMOVED, READ_FAILED
from drivers.card_reader.mrtd.mrz import check_digit
from drivers.card_reader.pcsc_driver import make
from drivers.card_reader.sim.vicc.holder import Holder
from pcsc_fixtures import READER, ROOT, pcscd, start_sim, wait_for  # noqa: F401 (fixtures)
from testkit.recorder import EventRecorder

pytestmark = pytest.mark.hardware_sim

LINE1, LINE2 = Holder().mrz_lines()


def other_line2(doc: str = "EZ9999990") -> str:
    """A well-formed line 2 (valid check digits) for a document that is not on the reader."""
    birth, expiry, personal = "900101", "350101", "<" * 14
    head = doc + check_digit(doc) + "CHN" + birth + check_digit(birth) + "M" + expiry + \
        check_digit(expiry) + personal + check_digit(personal)
    composite = head[0:10] + head[13:20] + head[21:43]
    return head + check_digit(composite)


Recorder = EventRecorder


@pytest.fixture
def driver():
    drv = make("card_reader", {"reader": READER})
    rec = Recorder()
    drv.add_listener(rec)
    drv.start()
    try:
        yield drv, rec
    finally:
        drv.stop()


def test_good_read_returns_dg1_fields_and_face(start_sim, driver):
    start_sim()
    drv, rec = driver
    r = drv.read_mrtd(LINE2, 15).result(20)
    assert (r.document_type, r.name, r.id_number) == ("mrtd", "ZHANG SAN", "EZ0000014")
    assert (r.birth_date, r.valid_to, r.sex, r.nation) == ("1990-01-01", "2035-01-01", "男", "CHN")
    assert r.extra["document_code"] == "P" and r.extra["issuing_state"] == "CHN"
    assert r.extra["face_format"] == "jpeg" and r.extra["face_image"][:3] == b"\xff\xd8\xff"
    assert r.extra["data_groups"] == [0x61, 0x75]
    inserted = rec.of(CARD_INSERTED)
    assert inserted and inserted[0].data["card_type"] == pcsc_atr.ICAO_EMRTD
    st = drv.status()
    assert (st.state, st.media) == (DeviceState.ONLINE, MediaState.PRESENT)
    assert drv.diagnostics()["reads_ok"] == 1
    assert "ZHANG" not in repr(r) and "EZ0000014" not in repr(r)


def test_wrong_mrz_is_refused_by_the_chip(start_sim, driver):
    start_sim()
    drv, rec = driver
    with pytest.raises(HalError) as err:
        drv.read_mrtd(other_line2(), 15).result(20)
    assert err.value.code == "bac_denied" and "6300" in err.value.message
    assert "EZ9999990" not in err.value.message
    failed = rec.of(READ_FAILED)
    assert failed and failed[-1].data["code"] == "bac_denied"
    # the right MRZ still works afterwards on the same card
    assert drv.read_mrtd(LINE2, 15).result(20).id_number == "EZ0000014"


def test_mrz_with_bad_check_digit_never_reaches_the_card(start_sim, driver):
    start_sim()
    drv, _ = driver
    bad = LINE2[:9] + str((int(LINE2[9]) + 1) % 10) + LINE2[10:]
    with pytest.raises(HalError) as err:
        drv.read_mrtd(bad, 15).result(20)
    assert err.value.code == "mrz_invalid"


def test_card_pulled_mid_read(start_sim, driver):
    start_sim("--pull-after", "3")
    drv, rec = driver
    with pytest.raises(HalError) as err:
        drv.read_mrtd(LINE2, 15).result(20)
    assert err.value.code == "card_removed"
    assert CARD_REMOVED in rec.kinds()
    assert wait_for(lambda: drv.status().media == MediaState.ABSENT, 5)


@pytest.mark.parametrize("fault,code", [("--bad-mac", "sm_bad_mac"), ("--sm-error", "sm_error")])
def test_secure_messaging_faults(start_sim, driver, fault, code):
    start_sim(fault)
    drv, rec = driver
    with pytest.raises(HalError) as err:
        drv.read_mrtd(LINE2, 15).result(20)
    assert err.value.code == code
    assert rec.of(READ_FAILED)[-1].data["code"] == code


def test_unknown_reader_is_no_device(pcscd):
    drv = make("card_reader", {"reader": "No Such Reader"})
    drv.start()
    try:
        assert wait_for(lambda: drv.status().state == DeviceState.NO_DEVICE, 5)
        assert drv.diagnostics()["last_error"]["code"] == "no_reader"
    finally:
        drv.stop()


def _diag(*args: str) -> tuple[int, dict]:
    proc = subprocess.run([sys.executable, "-m", "kiosk.diag.cli", "read-mrtd", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    return proc.returncode, json.loads(proc.stdout.strip().splitlines()[-1])


def test_kiosk_diag_read_mrtd(start_sim):
    start_sim()
    code, out = _diag("--mrz", LINE2, "--reader", READER, "--timeout", "10")
    assert code == 0
    assert out["document_number"] == "EZ0****14" and out["name"].startswith("Z*")
    assert (out["birth_date"], out["expiry_date"], out["sex"]) == ("1990-01-01", "2035-01-01", "M")
    assert out["face_image"]["format"] == "jpeg" and out["face_image"]["bytes"] > 1000
    code, out = _diag("--mrz", LINE2, "--reader", READER, "--unmasked", "--no-face")
    assert code == 0 and out["name"] == "ZHANG SAN" and out["document_number"] == "EZ0000014"
    code, out = _diag("--mrz", other_line2(), "--reader", READER, "--timeout", "10")
    assert code != 0 and out["error"] == "bac_denied"


def test_monitoring_survives_pcscd_restart(pcscd, start_sim, driver):
    if not pcscd.owned:
        pytest.skip("pcscd was already running and is not ours to restart")
    start_sim()
    drv, rec = driver
    assert wait_for(lambda: drv.status().media == MediaState.PRESENT, 10)
    pcscd.stop()
    assert wait_for(lambda: drv.status().state == DeviceState.NO_DEVICE, 10)
    assert drv.diagnostics()["last_error"]["code"] == "pcsc_unavailable"
    assert CARD_REMOVED in rec.kinds()
    pcscd.start()  # the simulator reconnects to the new vpcd by itself
    assert wait_for(lambda: drv.status().state == DeviceState.ONLINE
                    and drv.status().media == MediaState.PRESENT, 15)
    assert len(rec.of(CARD_INSERTED)) == 2
    assert drv.diagnostics()["pcscd_restarts_seen"] >= 1
    assert drv.read_mrtd(LINE2, 15).result(20).id_number == "EZ0000014"
