"""More of the results journey by touch in a real Kivy window against the real platform, zh and en:
progress by receipt QR (simulated QR camera) and by ID card, a 补正 answered at the kiosk (simulated
document camera + an e-certificate, real outbox), pickup from a simulated locker (opened, closed,
handover recorded), a courier result, and a rating with a typed comment."""
from __future__ import annotations

import pytest

from drivers.card_reader.base import IdentityRecord
from drivers.registry import build_driver
from kiosk import codes
from kiosk.devices import MissingDevice
from kiosk.flow.results import access
from kiosk.flow.results.pages import PICKUP, PROGRESS, RATING, SUPPLEMENT
from kiosk.outbox import Outbox, OutboxService
from refplatform import seed
from refplatform.seed_cases import new_locker_result, new_supplement_case
from tests.platform_support import start_platform

PROFILE_LOCKER = {"locks": 16, "left_open_s": 120, "close_after_s": 20}  # booth_24h.toml

pytestmark = [pytest.mark.ui, pytest.mark.platform]
RESIDENT = {r["key"]: r for r in seed.RESIDENTS}
LOCKER = {"zh": ("zhang", 7), "en": ("wang", 12)}  # fresh results: the shared app rates each once


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    p = start_platform(tmp_path_factory.mktemp("platform"))
    yield p
    p.handle.stop()


@pytest.fixture
def results_ui(fresh, platform, tmp_path):
    client = platform.client()
    service = OutboxService(Outbox(tmp_path / "o.db", tmp_path / "o.key"), platform.client())
    service.start()
    access.provide(fresh.app.flow, platform=client, outbox=service)
    yield fresh
    access.provide(fresh.app.flow)
    hub = fresh.app.core.devices
    for name in ("qr_camera", "document_camera"):
        hub.replace(name, build_driver(name, "simulator", {}))
    if not isinstance(hub.locker, MissingDevice):  # a test lent it a simulated locker
        hub.replace("locker", build_driver("locker", "simulator", PROFILE_LOCKER))  # as the profile has it:
        # a missing locker would leave a device alert in the chrome for every later UI test
    service.stop()
    client.close()


def page(ui):  # noqa: ANN201
    return ui.app.flow.state.page


def to_language(ui, lang: str) -> None:
    if lang == "en":
        ui.tap(ui.chrome.lang_button)
        ui.wait_for(lambda: ui.app.flow.state.chrome.language == "en", "English")


def entries(ui):  # noqa: ANN201
    return ui.screen("attract").ids.scan_button.parent.children[0]


def place(ui, who: str) -> None:
    person = RESIDENT[who]
    ui.app.core.devices.card_reader.place_card(
        IdentityRecord(document_type="resident_id", name=person["name"], id_number=person["id"]))


def type_code(ui, code: str) -> None:
    """The pickup code on the keypad (the simulated QR camera, reading its own sample, paused)."""
    ui.app.core.devices.qr_camera.set_scanning(False)
    pad = ui.screen(PICKUP).ids.keypad_box.children[0]
    for i, ch in enumerate(code):
        ui.tap(pad.keys[ch])
        ui.wait_for(lambda: page(ui).entry == code[:i + 1], f"key {ch}")
    ui.tap(pad.keys["OK"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_progress_by_receipt_qr(results_ui, lang):
    ui = results_ui
    to_language(ui, lang)
    ui.tap(entries(ui).progress)
    ui.wait_screen(PROGRESS)
    ui.app.core.devices.qr_camera.show_code(codes.build_receipt("SL20261010A0000007"))
    ui.wait_for(lambda: page(ui).application_no == "SL20261010A0000007", f"receipt QR read {page(ui)}", limit_s=20)
    ui.wait_screen(PROGRESS)
    screen = ui.screen(PROGRESS)
    assert ("办结" if lang == "zh" else "ready") in screen.ids.timeline.text.lower() or \
        page(ui).status == "result_ready"
    assert screen.ids.answer_button.opacity == 0  # no 补正 asked for
    ui.screenshot(f"results2-{lang}-01-progress-qr")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_progress_by_card_then_supplement_answered(results_ui, platform, lang):
    ui = results_ui
    no = new_supplement_case(platform.handle.db, materials=("disability_assessment", "hukou_book"))
    to_language(ui, lang)
    ui.tap(entries(ui).progress)
    ui.wait_screen(PROGRESS)
    screen = ui.screen(PROGRESS)
    ui.app.core.devices.qr_camera.set_scanning(False)
    ui.tap(screen.ids.card_button)
    ui.wait_for(lambda: page(ui).message and page(ui).message.key == "results2.card.place", "asked for the card")
    place(ui, "zhang")
    ui.wait_for(lambda: any(c.application_no == no for c in page(ui).choices), "the holder's applications",
                limit_s=20)
    ui.wait_screen(PROGRESS)
    assert "SL20261025A0000003" in screen.choice_buttons  # all of zhang's applications are listed
    ui.screenshot(f"results2-{lang}-02-progress-by-card")
    ui.tap(screen.choice_buttons[no])
    ui.wait_for(lambda: page(ui).application_no == no and page(ui).status == "supplement_required",
                "the chosen timeline", limit_s=20)
    ui.wait_screen(PROGRESS)
    assert screen.ids.answer_button.opacity == 1 and "2026-12-31" in screen.ids.supplement.text
    ui.tap(screen.ids.answer_button)
    ui.wait_screen(SUPPLEMENT)
    sup = ui.screen(SUPPLEMENT)
    assert "残疾评定表缺少医生签字" in sup.ids.why.text and "2026-12-31" in sup.ids.due.text
    # the document camera: a page laid under it is captured for the first material
    ui.app.core.devices.replace("document_camera", build_driver("document_camera", "simulator", {
        "script": [{"wait": 0.5, "do": "lay_page", "page": "form"}], "script_loop": False,
        "settle_s": 0.3}))
    ui.wait_for(lambda: page(ui).materials[0].pages >= 1, "page captured", limit_s=20)
    ui.tap(sup.ids.capture_button)
    ui.wait_for(lambda: page(ui).materials[0].supplied == "capture", "PDF assembled", limit_s=30)
    ui.wait_for(lambda: "EC-ZHANG-HK" in sup.cert_buttons, "e-certificate offered", limit_s=20)
    ui.wait_screen(SUPPLEMENT)
    ui.tap(sup.cert_buttons["EC-ZHANG-HK"])
    ui.wait_for(lambda: page(ui).materials[1].supplied == "certificate", "certificate chosen")
    ui.wait_screen(SUPPLEMENT)
    ui.screenshot(f"results2-{lang}-03-supplement-ready")
    ui.tap(sup.ids.send_button)
    ui.wait_for(lambda: page(ui).stage == "accepted", "supplement accepted by the platform", limit_s=30)
    ui.wait_for(lambda: page(ui).receipt is not None and page(ui).receipt.key == "apply.receipt.printed",
                "supplement receipt printed", limit_s=20)
    ui.wait_screen(SUPPLEMENT)
    assert no in sup.ids.message.text
    ui.screenshot(f"results2-{lang}-04-supplement-sent")
    status = ui.app.flow and access.platform(ui.app.flow).get_application(no)
    assert status.status == "in_review" and status.timeline[-1]["step"] == "supplemented"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pickup_from_a_locker_then_rated_with_a_comment(results_ui, platform, lang):
    ui = results_ui
    who, door = LOCKER[lang]
    code, _no = new_locker_result(platform.handle.db, who, door)
    locker = build_driver("locker", "simulator", {"left_open_s": 30})
    ui.app.core.devices.replace("locker", locker)
    to_language(ui, lang)
    ui.tap(entries(ui).pickup)
    ui.wait_screen(PICKUP)
    place(ui, who)
    ui.wait_for(lambda: page(ui).identified, "card verified by the platform", limit_s=20)
    type_code(ui, code)
    ui.wait_for(lambda: page(ui).stage == "door_open", f"door {door} open", limit_s=20)
    assert locker.door_state(door).result(5) is True
    ui.wait_screen(PICKUP)
    ui.screenshot(f"results2-{lang}-05-locker-open")
    locker.close_door(door)
    ui.wait_for(lambda: page(ui).stage == "done", "door closed", limit_s=20)
    ui.wait_screen(PICKUP)
    ui.screenshot(f"results2-{lang}-06-locker-closed")
    # the handover is recorded: the platform refuses the same code a second time
    from kiosk.platform_link import PlatformRejected
    client = access.platform(ui.app.flow)
    ref = client.verify_identity(method="id_card", id_number=RESIDENT[who]["id"],
                                 name=RESIDENT[who]["name"]).person_ref
    with pytest.raises(PlatformRejected) as err:
        client.get_result(code, ref)
    assert err.value.code.startswith("already_collected")
    ui.tap(ui.screen(PICKUP).ids.rate_button)
    ui.wait_screen(RATING)
    rating = ui.screen(RATING)
    ui.tap(rating.level_buttons[1])
    ui.wait_screen(RATING)
    for key in ("S", "L", "O", "W", "SPACE", "Q"):
        ui.tap(rating.keypad.keys[key])
        ui.wait_screen(RATING)
    ui.tap(rating.keypad.keys["DEL"])
    ui.wait_for(lambda: page(ui).comment == "SLOW ", "comment typed")
    ui.wait_screen(RATING)
    assert "SLOW" in rating.ids.comment.text
    ui.tap(rating.ids.send_button)  # level 1 with a comment and no reason: accepted
    ui.wait_for(lambda: page(ui).sent, "rating sent", limit_s=30)
    ui.wait_screen(RATING)
    ui.screenshot(f"results2-{lang}-07-rated-with-comment")
    ui.tap(rating.ids.skip_button)
    ui.wait_screen("attract")


def test_courier_tracking_on_screen(results_ui):
    ui = results_ui
    ui.tap(entries(ui).pickup)
    ui.wait_screen(PICKUP)
    place(ui, "chen")
    ui.wait_for(lambda: page(ui).identified, "card verified by the platform", limit_s=20)
    type_code(ui, "16180339")
    ui.wait_for(lambda: page(ui).stage == "done", "tracking slip printed", limit_s=20)
    ui.wait_screen(PICKUP)
    assert "EMS1234567890CN" in ui.screen(PICKUP).ids.courier.text
    assert "运输中" in ui.screen(PICKUP).ids.courier.text
    ui.screenshot("results2-zh-08-courier")
