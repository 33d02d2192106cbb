"""QR-camera simulator: each script step, real frames read by the real decoder, preview frames."""
from __future__ import annotations

import pytest

from drivers.base import DeviceState
from drivers.events import CodeScanned, StatusChanged
from drivers.qr_camera.decode import QrDecoder
from drivers.qr_camera.simulator import FOREIGN_CODE, SimulatedQrCamera, make
from kiosk import codes
from kiosk.devices import DeviceHub
from kiosk.config.model import DeviceConfig
from kiosk.sim_codes import demo_code

from testkit.fixtures import clock, run_sim  # noqa: F401 (fixtures)

KEY = b"sim-test-installation-secret-0123"


@pytest.fixture(autouse=True)
def _key():
    codes.configure(KEY)


def _cam(clock, script, loop=False):
    cam = SimulatedQrCamera("qr_camera", {"script": script, "script_loop": loop}, clock=clock)
    cam.set_code_maker(demo_code)
    return cam


@pytest.mark.parametrize("kind,expect", [("pickup", "pickup"), ("receipt", "receipt"),
                                         ("eid", "eid")])
def test_show_code_step_shows_the_kiosks_own_signed_code(clock, run_sim, kind, expect):
    cam = _cam(clock, [{"wait": 1, "do": "show_code", "code": kind}])
    rec = run_sim(cam)
    cam.set_scanning(True)
    clock.advance(1)
    event = rec.wait_for(CodeScanned)
    assert codes.parse(event.text, expect=expect).kind == expect  # signature and checks pass
    assert event.data["text"] == event.text and event.kind == "code_scanned"
    assert event.text not in repr(event)  # a code can carry personal data


def test_foreign_code_is_read_and_refused_by_the_parser(clock, run_sim):
    cam = _cam(clock, [{"do": "show_code", "code": "foreign"}])
    rec = run_sim(cam)
    cam.set_scanning(True)
    event = rec.wait_for(CodeScanned)
    assert event.text == FOREIGN_CODE
    with pytest.raises(codes.CodeError) as info:
        codes.parse(event.text)
    assert info.value.code == "not_ours"


def test_text_step_and_clear_step_change_the_preview_frame(clock, run_sim):
    cam = _cam(clock, [{"do": "show_code", "text": "HELLO-1"}, {"wait": 2, "do": "clear"}])
    rec = run_sim(cam)
    cam.set_scanning(True)
    assert rec.wait_for(CodeScanned).text == "HELLO-1"
    counter = cam.latest_frame_counter()
    frame = cam.latest_frame()
    assert frame.ndim == 3 and frame.shape[2] == 3 and frame.dtype.name == "uint8"
    assert [c.text for c in QrDecoder().decode(frame)] == ["HELLO-1"]  # same frame API as OpenCV
    clock.advance(2)
    from testkit.waiting import wait_for
    wait_for(lambda: cam.latest_frame_counter() > counter, "the clear step")
    assert QrDecoder().decode(cam.latest_frame()) == []


def test_no_code_is_reported_while_not_scanning_and_again_when_scanning_resumes(clock, run_sim):
    cam = _cam(clock, [{"do": "show_code", "text": "AGAIN"}])
    rec = run_sim(cam)
    from testkit.waiting import wait_for
    wait_for(lambda: cam.player.played == 1, "the step")
    assert rec.of_type(CodeScanned) == []
    cam.set_scanning(True)
    rec.wait_for(CodeScanned)
    cam.set_scanning(False)
    cam.set_scanning(True)
    mark = rec.mark()
    rec.wait_for(CodeScanned, after=mark)  # the same code in view is reported anew
    assert len(rec.of_type(CodeScanned)) == 2


def test_offline_and_online_steps(clock, run_sim):
    cam = _cam(clock, [{"wait": 1, "do": "go_offline"}, {"wait": 1, "do": "go_online"}])
    rec = run_sim(cam)
    rec.wait_for(StatusChanged, lambda e: e.status.state == DeviceState.ONLINE)
    clock.advance(1)
    rec.wait_for(StatusChanged, lambda e: e.status.state == DeviceState.OFFLINE)
    clock.advance(1)
    mark = rec.mark()
    rec.wait_for(StatusChanged, lambda e: e.status.state == DeviceState.ONLINE, after=mark)


def test_show_code_by_hand_stops_the_script(clock, run_sim):
    cam = _cam(clock, [{"wait": 1, "do": "show_code", "code": "pickup"}])
    rec = run_sim(cam)
    cam.set_scanning(True)
    cam.show_code("BY-HAND")
    assert rec.wait_for(CodeScanned).text == "BY-HAND"
    clock.advance(5)
    assert cam.player.paused and cam.player.played == 0


def test_events_arrive_on_the_worker_thread(clock, run_sim):
    cam = _cam(clock, [{"do": "show_code", "code": "receipt"}])
    rec = run_sim(cam)
    cam.set_scanning(True)
    rec.wait_for(CodeScanned)
    assert set(rec.threads) == {"hal-qr_camera"}


def test_the_hub_installs_the_kiosks_code_maker_and_the_default_script():
    hub = DeviceHub.from_config({"qr_camera": DeviceConfig("qr_camera", "simulator", {})})
    cam = hub.qr_camera
    assert isinstance(cam, SimulatedQrCamera) and cam.player.loop
    assert {s.params.get("code") for s in cam.player.steps} >= {"pickup", "foreign", "receipt"}
    assert cam._code_maker is demo_code


def test_make_without_options_uses_the_default_script():
    assert make("qr_camera", {}).player.steps
    assert SimulatedQrCamera().player.steps == []  # built by hand: quiet until told


def test_the_code_frame_cache_stays_small_while_new_codes_keep_coming(clock, run_sim):
    """Each new signed code is a new ~1.5 MB frame: only a few are kept, the constant ones hit."""
    from drivers.qr_camera import sim_frames
    sim_frames.code_frame.cache_clear()
    cam = _cam(clock, [])
    run_sim(cam)
    for n in range(12):
        cam.show_code(f"PK-{n}")
        cam.show_code(FOREIGN_CODE)
    info = sim_frames.code_frame.cache_info()
    assert info.currsize <= sim_frames.CODE_FRAMES_KEPT == info.maxsize <= 3
    assert info.hits >= 11  # the foreign code, shown again between new ones, is not redrawn
