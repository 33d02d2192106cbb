"""Camera screens through the real OpenCV drivers on file-backed sources."""
from __future__ import annotations

import threading

import pytest

from drivers.registry import build_driver
from kiosk import codes
from kiosk.flow import intents as it
from kiosk.flow.scanning import PAGES_KEY, PDF_KEY
from kiosk.flow.view import Screen
from tests.flow.camera_sources import page_photos, qr_video


def wait_for(flow, predicate, what, limit_s=30.0):
    hit = threading.Event()
    flow.add_listener(lambda s: hit.set() if predicate(s) else None)
    if not predicate(flow.state):
        assert hit.wait(limit_s), f"never saw {what}; state: {flow.state.scan}"


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
    flow.dispatch(it.ScanCode())
    assert flow.state.screen == Screen.SCAN and flow.session is not None
    wait_for(flow, lambda s: s.scan and s.scan.ok is True, "a good read")
    assert "2026112200042" in flow.state.scan.result[0]
    wait_for(flow, lambda s: s.scan and s.scan.ok is False, "a refused code")
    refused = flow.state.scan.result[0]
    assert refused in {qr_core.translator.t(k) for k in codes.ERROR_KEYS.values()}
    flow.dispatch(it.Back())
    assert flow.state.screen == Screen.ATTRACT and flow.session is None
    assert not qr_core.devices.get("qr_camera").scanning


def test_photographing_materials_makes_a_pdf_wiped_at_the_end(core, tmp_path):
    folder = page_photos(tmp_path / "desk")
    core.devices.replace("document_camera", build_driver(
        "document_camera", "opencv", {"source": str(folder), "fps": 10, "loop": True,
                                      "steady_frames": 3}))
    flow = core.flow
    flow.dispatch(it.Start())
    code = next(c for c, item in core.content.catalog.items.items()
                if any(m.scan for m in item.materials))
    flow.dispatch(it.OpenService(code))
    assert flow.state.guide.scannable
    flow.dispatch(it.ScanMaterials())
    assert flow.state.screen == Screen.SCAN and flow.state.scan.device == "document_camera"
    wait_for(flow, lambda s: s.scan and s.scan.corners is not None, "the page outline")
    wait_for(flow, lambda s: s.scan and s.scan.pages >= 1, "an automatic capture")
    flow.dispatch(it.FinishScan())
    wait_for(flow, lambda s: s.scan and s.scan.ok is True, "the PDF")
    session = flow.session
    pdf = session.get(PDF_KEY)
    assert bytes(pdf[:5]) == b"%PDF-" and len(session.get(PAGES_KEY)) >= 1
    flow.dispatch(it.Finish())
    assert session.wiped and not session.has_personal_data() and not any(pdf)


def test_a_missing_qr_camera_is_said_not_hidden(core, tmp_path):
    core.devices.replace("qr_camera", build_driver(
        "qr_camera", "opencv", {"source": str(tmp_path / "no-such-camera.avi")}))
    flow = core.flow
    dev = core.devices.get("qr_camera")
    gone = threading.Event()
    dev.add_listener(lambda e: gone.set() if e.kind == "status"
                     and e.data["status"].state.value == "no_device" else None)
    if dev.status().state.value != "no_device":
        assert gone.wait(30), f"camera never reported missing: {dev.status()}"
    flow.dispatch(it.ScanCode())
    assert flow.state.scan.ok is False
    assert flow.state.scan.hint == core.translator.t("scan.camera_off")
