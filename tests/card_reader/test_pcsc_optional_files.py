"""e-passport optional files through pcscd + vpcd: DG1 comes back when DG2 is broken, absent or denied."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from drivers.card_reader.pcsc_driver import make
from drivers.card_reader.sim.vicc.holder import Holder
from pcsc_fixtures import READER, ROOT, pcscd, start_sim  # noqa: F401 (fixtures)

pytestmark = pytest.mark.hardware_sim

LINE2 = Holder().mrz_lines()[1]


@pytest.mark.parametrize("dg2,reason", [("broken", "malformed_data"), ("absent", "not_on_chip"),
                                        ("denied", None)])
def test_dg1_returned_when_the_face_cannot_be_read(start_sim, dg2, reason):
    start_sim("--dg2", dg2)
    drv = make("card_reader", {"reader": READER})
    drv.start()
    try:
        rec = drv.read_mrtd(LINE2, 15).result(20)
    finally:
        drv.stop()
    assert rec.id_number == "EZ0000014" and rec.name == "ZHANG SAN"  # the verified DG1
    assert rec.extra["face_image"] == b""
    missing = dict(rec.missing)
    assert set(missing) == {"face"}
    if reason:
        assert missing["face"] == reason
    else:
        assert missing["face"] not in ("", "card_removed", "sm_bad_mac")


def test_read_mrtd_prints_what_was_missing(start_sim):
    start_sim("--dg2", "broken")
    proc = subprocess.run([sys.executable, "-m", "kiosk.diag.cli", "read-mrtd", "--mrz", LINE2,
                           "--reader", READER, "--timeout", "10"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert proc.returncode == 0 and out["document_number"] == "EZ0****14"
    assert out["missing"] == {"face": "malformed_data"} and out["face_image"]["bytes"] == 0
