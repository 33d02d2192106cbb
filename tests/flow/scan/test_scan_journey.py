"""The scan journey on the fake hub: codes, pages, the PDF and the preview, with no threads."""
from __future__ import annotations

import numpy as np

from drivers.base import DeviceState
from drivers.document_camera.base import PAGE_CAPTURED, PAGE_DETECTED
from drivers.qr_camera.base import CODE_SCANNED
from kiosk import codes
from kiosk.flow import intents as it
from kiosk.flow.browse import intents as bi
from kiosk.flow.scan import PAGES_KEY, PDF_KEY, SCAN, ScanPage
from kiosk.flow.scan import intents as si
from kiosk.flow.scan.preview import MAX_PREVIEW_WIDTH, to_preview
from kiosk.flow.state import ATTRACT
from kiosk.i18n import Msg, render


def test_a_good_code_then_a_tampered_one(host, hub):
    host.dispatch(si.ScanCode())
    page = host.state.page
    assert host.state.screen == SCAN and isinstance(page, ScanPage) and hub.qr_camera.scanning
    assert page.hint == Msg("scan.qr.hint") and page.feed is not None
    receipt = codes.build_receipt("2026112200042")
    hub.emit("qr_camera", CODE_SCANNED, text=receipt)
    page = host.state.page
    assert page.ok is True and page.result[0] == Msg.of("scan.code.receipt", no="2026112200042")
    tampered = receipt[:-1] + ("A" if receipt[-1] != "A" else "B")
    hub.emit("qr_camera", CODE_SCANNED, text=tampered)
    page = host.state.page
    assert page.ok is False and page.result[0].key in codes.ERROR_KEYS.values()
    host.dispatch(it.Back())
    assert host.state.screen == ATTRACT and host.session is None and not hub.qr_camera.scanning


def test_the_result_follows_a_language_switch_without_retranslating_in_the_core(host, hub):
    host.dispatch(si.ScanCode())
    hub.emit("qr_camera", CODE_SCANNED, text=codes.build_receipt("2026112200042"))
    zh_page = host.state.page
    host.dispatch(it.SetLanguage("en"))
    assert host.state.page == zh_page  # messages, not strings: nothing to redo
    zh, en = (render(zh_page.result[0], lang) for lang in ("zh", "en"))
    assert "2026112200042" in zh and "2026112200042" in en and zh != en


def test_a_missing_camera_is_said_at_once(host, hub):
    hub.qr_camera.set_status(DeviceState.NO_DEVICE)
    host.dispatch(si.ScanCode())
    page = host.state.page
    assert page.ok is False and page.hint == Msg("scan.camera_off") and page.feed is None
    assert not hub.qr_camera.scanning


def test_events_of_another_camera_or_screen_are_ignored(host, hub):
    hub.emit("qr_camera", CODE_SCANNED, text="x")  # attract screen: nothing happens
    assert host.state.screen == ATTRACT
    host.dispatch(si.ScanCode())
    page = host.state.page
    hub.emit("document_camera", PAGE_DETECTED, corners=[[0, 0], [1, 0], [1, 1], [0, 1]], hint="")
    assert host.state.page == page


def open_scannable_guide(host, content) -> str:
    code = next(c for c, item in content.catalog.items.items() if any(m.scan for m in item.materials))
    host.dispatch(bi.Start())
    host.dispatch(bi.OpenService(code))
    assert host.state.page.guide.scannable
    return code


def test_pages_are_captured_then_one_pdf_wiped_at_the_end(host, hub, content):
    open_scannable_guide(host, content)
    host.dispatch(si.ScanMaterials())
    assert host.state.screen == SCAN and host.state.page.device == "document_camera"
    host.dispatch(si.FinishScan())  # no page yet: nothing to assemble
    assert host.state.page.busy is False and host.state.page.ok is None
    corners = [[10, 10], [90, 12], [88, 120], [12, 118]]
    hub.emit("document_camera", PAGE_DETECTED, corners=corners, hint="hold_still")
    page = host.state.page
    assert page.corners == tuple(map(tuple, corners))
    assert page.hint == Msg("documents.hint.hold_still")
    image = np.full((200, 140, 3), 230, np.uint8)
    hub.emit("document_camera", PAGE_CAPTURED, image=image, quality={})
    hub.emit("document_camera", PAGE_CAPTURED, image=image, quality={})
    assert host.state.page.pages == 2 and len(host.session.get(PAGES_KEY)) == 2
    host.dispatch(si.FinishScan())  # the inline executor builds the PDF at once
    page = host.state.page
    assert page.ok is True and not page.busy and page.result[0].key == "scan.doc.pdf_ready"
    assert page.result[0].param("pages") == 2
    session = host.session
    pdf = session.get(PDF_KEY)
    assert bytes(pdf[:5]) == b"%PDF-"
    host.dispatch(it.Back())  # back to the guide: pages stay for this visit
    host.dispatch(si.ScanMaterials())
    assert host.state.page.pages == 2
    host.dispatch(it.Finish())
    assert session.wiped and not any(pdf)


def test_scan_materials_needs_a_scannable_guide(host, content):
    host.dispatch(bi.Start())
    code = next(c for c, item in content.catalog.items.items()
                if not any(m.scan for m in item.materials))
    host.dispatch(bi.OpenService(code))
    host.dispatch(si.ScanMaterials())
    assert host.state.screen != SCAN


def test_the_feed_converts_each_new_frame_once(host, hub):
    host.dispatch(si.ScanCode())
    feed = host.state.page.feed
    assert feed.frame() is None
    bgr = np.zeros((360, 1280, 3), np.uint8)
    bgr[:, :, 0] = 200  # blue in OpenCV's order
    hub.qr_camera.frame = bgr
    first = feed.frame()
    assert (first.width, first.height) == (MAX_PREVIEW_WIDTH, 180)
    assert (first.source_width, first.source_height) == (1280, 360)
    assert len(first.pixels) == first.width * first.height * 3
    assert first.colorfmt == "bgr" and first.pixels[:3] == bytes((200, 0, 0))
    assert feed.frame() is first  # same camera frame: no new conversion
    hub.qr_camera.frame = bgr.copy()
    assert feed.frame().seq == first.seq + 1


def test_grey_frames_become_colour_too():
    frame = to_preview(np.full((4, 6), 77, np.uint8), seq=1)
    assert frame.pixels == bytes([77]) * (4 * 6 * 3) and frame.colorfmt == "bgr"
