"""Camera screens through the real OpenCV drivers on file-backed sources."""
from __future__ import annotations

import threading

import pytest

from drivers.registry import build_driver
from kiosk import codes
from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.flow.scan import PAGES_KEY, PDF_KEY, SCAN
from kiosk.flow.scan import intents as si
from kiosk.flow.state import ATTRACT
from testkit.camera_sources import page_photos, qr_video
from testkit.waiting import wait_for_state


def wait_for(flow, predicate, what, limit_s=30.0):
    """predicate(scan page) on the scan screen."""
    wait_for_state(flow, lambda s: s.screen == SCAN and predicate(s.page), what, limit_s)


@pytest.fixture
def qr_core(core, tmp_path):
    receipt = codes.build_receipt("2026112200042")
    tampered = receipt[:-1] + ("A" if receipt[-1] != "A" else "B")
    video = qr_video(tmp_path / "codes.avi", [receipt, tampered])
    core.devices.replace("qr_camera", build_driver("qr_camera", "opencv",
                                                   {"source": str(video), "fps": 20, "loop": True}))
    return core


def test_scanning_a_receipt_code_then_a_tampered_one(qr_core):
    flow = qr_core.flow
    flow.dispatch(si.ScanCode())
    assert flow.state.screen == SCAN and flow.session is not None
    wait_for(flow, lambda p: p.ok is True, "a good read")
    tr = qr_core.translator
    assert "2026112200042" in tr.render(flow.state.page.result[0], "zh")
    wait_for(flow, lambda p: p.ok is False, "a refused code")
    refused = tr.render(flow.state.page.result[0], "zh")
    assert refused in {tr.t(k, "zh") for k in codes.ERROR_KEYS.values()}
    flow.dispatch(it.Back())
    assert flow.state.screen == ATTRACT and flow.session is None
    assert not qr_core.devices.qr_camera.scanning


def test_photographing_materials_makes_a_pdf_wiped_at_the_end(core, tmp_path):
    folder = page_photos(tmp_path / "desk")
    core.devices.replace("document_camera", build_driver(
        "document_camera", "opencv", {"source": str(folder), "fps": 10, "loop": True,
                                      "steady_frames": 3}))
    flow = core.flow
    flow.dispatch(bi.Start())
    code = next(c for c, item in core.content.catalog.items.items()
                if any(m.scan for m in item.materials))
    flow.dispatch(bi.OpenService(code))
    assert flow.state.page.guide.scannable
    flow.dispatch(si.ScanMaterials())
    assert flow.state.screen == SCAN and flow.state.page.device == "document_camera"
    wait_for(flow, lambda p: p.corners is not None, "the page outline")
    wait_for(flow, lambda p: p.pages >= 1, "an automatic capture")
    flow.dispatch(si.FinishScan())
    wait_for(flow, lambda p: p.ok is True, "the PDF")
    session = flow.session
    pdf = session.get(PDF_KEY)
    assert bytes(pdf[:5]) == b"%PDF-" and len(session.get(PAGES_KEY)) >= 1
    flow.dispatch(it.Finish())
    assert session.wiped and not session.has_personal_data() and not any(pdf)


def test_a_missing_qr_camera_is_said_not_hidden(core, tmp_path):
    core.devices.replace("qr_camera", build_driver(
        "qr_camera", "opencv", {"source": str(tmp_path / "no-such-camera.avi")}))
    flow = core.flow
    dev = core.devices.qr_camera
    gone = threading.Event()
    dev.add_listener(lambda e: gone.set() if e.kind == "status"
                     and e.data["status"].state.value == "no_device" else None)
    if dev.status().state.value != "no_device":
        assert gone.wait(30), f"camera never reported missing: {dev.status()}"
    flow.dispatch(si.ScanCode())
    assert flow.state.page.ok is False
    assert core.translator.render(flow.state.page.hint, "zh") == core.translator.t("scan.camera_off", "zh")
