"""Materials by touch in the real Kivy window (zh and en), against the real reference platform process:
a page captured on the simulated document camera and a commitment signed with simulated finger strokes
reach the platform as uploads (the capture's PDF, the signature's PNG on a PDF page) exactly once."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import sqlite3

import pikepdf
import pytest
from kivy.tests.common import UnitTestTouch
from PIL import Image

from drivers.registry import build_driver
from kiosk.flow.intents import Finish
from kiosk.i18n import t
from refplatform import seed
from tests.ui.apply_steps import open_form
from testkit.ui_harness import texts, walk

pytestmark = [pytest.mark.platform, pytest.mark.ui]
WANG = next(r for r in seed.RESIDENTS if r["key"] == "wang")
CODE = "HPF-001"  # tenancy contract: capture or commitment; bank card: capture


@pytest.fixture
def platform_app(fresh, tmp_path):
    """The running app's apply journey on a real platform and outbox; a document camera driven by hand."""
    from kiosk.flow.apply import ApplyServices
    from kiosk.outbox import Outbox, OutboxService
    from tests.platform_support import start_platform
    platform = start_platform(tmp_path / "platform", kiosk_id="kiosk-ui-materials")
    client = platform.client()
    services = ApplyServices(client, OutboxService(Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key"),
                                                   client, idle_poll_s=0.2, backoff_s=0.05))
    services.outbox.start()
    app = fresh.app
    journey = next(j for j in app.flow.journeys if j.name == "apply")
    content = app.core.content
    old_now = content.now
    content.now = lambda: dt.datetime(2026, 11, 30, 10, 0)
    journey.services = services
    services.outbox.add_listener(journey.submit.on_outbox)
    hub = app.core.devices
    hub.replace("document_camera", build_driver("document_camera", "simulator",
                                                {"script": [], "settle_s": 0.3}))
    try:
        yield fresh, platform, journey
    finally:
        app.send(Finish())
        journey.services = None
        content.now = old_now
        services.stop()
        platform.handle.stop()
        hub.replace("document_camera", build_driver("document_camera", "simulator", {}))


def button(screen, text: str):
    """The enabled button showing text."""
    return next(w for w in walk(screen) if getattr(w, "text", None) == text and hasattr(w, "on_release")
                and not w.disabled)


def way(screen, material: str, via: str):
    """The checklist's button for supplying material one way."""
    return next(w for w in walk(screen) if getattr(w, "material", None) == material
                and getattr(w, "via", None) == via)


def on_screen(ui, widget):
    """widget, once the rebuilt screen has laid it out inside the window."""
    from kivy.core.window import Window

    def shown() -> bool:
        ui.scroll_into_view(widget)
        x, y = widget.to_window(*widget.center)
        return 0 <= x <= Window.width and 0 <= y <= Window.height

    ui.wait_for(shown, "the button laid out")
    return widget


def draw(ui, pad, strokes) -> None:
    """Touch strokes on the pad (points in 0..1 of the pad, y down), as a finger would."""
    for stroke in strokes:
        points = [pad.to_window(pad.x + x * pad.width, pad.top - y * pad.height) for x, y in stroke]
        touch = UnitTestTouch(*points[0])
        touch.touch_down()
        for x, y in points[1:]:
            touch.touch_move(x, y)
        touch.touch_up()
        ui.pump(1)


def uploads(platform) -> list[tuple]:
    with sqlite3.connect(platform.handle.db) as db:
        return db.execute("SELECT material_code, pages, sha256 FROM uploads").fetchall()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_capture_and_signed_commitment(platform_app, lang):
    ui, platform, journey = platform_app
    app = ui.app
    before = uploads(platform)
    form = open_form(ui, CODE, lang)
    for key in "2500":
        ui.tap(button(form, key))
    ui.wait_for(lambda: any("2500" in x for x in texts(form)), "the rent typed")
    ui.tap(button(form, t("apply.next", lang)))
    ui.wait_screen("apply_materials")
    materials = ui.screen("apply_materials")
    progress = t("apply.materials.progress", lang, ready=1, total=3)
    assert progress in texts(materials)
    ui.screenshot(f"materials-{lang}-01-checklist")

    ui.tap(on_screen(ui, way(materials, "bank_card", "upload")))  # capture: the simulated camera
    ui.wait_screen("apply_capture")
    capture = ui.screen("apply_capture")
    camera = app.core.devices.document_camera
    camera.lay_page("id_card")
    ui.wait_for(lambda: len(capture.ids.preview._outline.points) == 8, "the page outline drawn")
    ui.wait_for(lambda: app.flow.state.page.pages == 1, "the page captured automatically")
    ui.wait_for(lambda: t("apply.capture.pages", lang, pages=1) in texts(capture), "1 page shown")
    ui.screenshot(f"materials-{lang}-02-capture")
    ui.tap(button(capture, t("apply.capture.done", lang)))
    ui.wait_for(lambda: app.flow.state.screen == "apply_materials", "back on the checklist",
                limit_s=20)
    ui.wait_screen("apply_materials")
    assert t("apply.materials.pages", lang, pages=1) in "\n".join(texts(materials))

    ui.tap(on_screen(ui, way(materials, "tenancy_contract", "commitment")))  # the commitment, signed
    ui.wait_screen("apply_sign")
    sign = ui.screen("apply_sign")
    pad = sign.ids.pad
    draw(ui, pad, [[(0.05, 0.1), (0.05, 0.9)]])
    ui.tap(button(sign, t("apply.sign.clear", lang)))
    assert pad.points == 0 and not pad.strokes()
    draw(ui, pad, [[(0.1, 0.6), (0.15, 0.3), (0.22, 0.7), (0.3, 0.35), (0.38, 0.65), (0.45, 0.4)],
                   [(0.5, 0.5), (0.6, 0.45), (0.75, 0.55), (0.9, 0.5)]])
    assert pad.points >= 10
    ui.screenshot(f"materials-{lang}-03-signature")
    ui.tap(button(sign, t("apply.sign.confirm", lang)))
    ui.wait_for(lambda: app.flow.state.screen == "apply_materials", "signed", limit_s=20)
    ui.wait_screen("apply_materials")
    assert t("apply.materials.progress", lang, ready=3, total=3) in texts(materials)
    assert t("apply.materials.signed", lang) in "\n".join(texts(materials))
    case = journey.case
    sent = {code: bytes(a.pdf) for code, a in case.attachments.items()}
    png = Image.open(io.BytesIO(bytes(case.attachments["tenancy_contract"].png)))
    assert png.format == "PNG" and png.getextrema()[0] == 0  # the strokes became ink
    ui.screenshot(f"materials-{lang}-04-ready")

    ui.tap(button(materials, t("apply.next", lang)))
    ui.wait_screen("apply_review")
    ui.tap(button(ui.screen("apply_review"), t("apply.submit", lang)))
    ui.wait_for(lambda: app.flow.state.screen == "apply_submitted"
                and app.flow.state.page.state == "accepted", "accepted", limit_s=30)
    ui.screenshot(f"materials-{lang}-05-accepted")
    new = [u for u in uploads(platform) if u not in before]
    assert sorted((c, p) for c, p, _ in new) == [("bank_card", 1), ("tenancy_contract.signature", 1)]
    assert {c: h for c, _, h in new} == {
        "bank_card": hashlib.sha256(sent["bank_card"]).hexdigest(),
        "tenancy_contract.signature": hashlib.sha256(sent["tenancy_contract"]).hexdigest()}
    with pikepdf.open(io.BytesIO(sent["tenancy_contract"])) as pdf:
        image = pikepdf.PdfImage(next(iter(pdf.pages[0].get_images().values()))).as_pil_image()
    assert image.size == png.size  # the PNG itself, on the uploaded page
    number = app.flow.state.page.reference
    status = journey.services.client.get_application(number)
    assert status.status == "accepted"
    assert not case.attachments  # sealed in the outbox, the session keeps no copy
    app.send(Finish())
    ui.wait_screen("attract")
    assert journey.case is None and pad.points == 0
