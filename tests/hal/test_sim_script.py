"""Simulator scripts: parsing, every rejection with its key path, timing, looping, config errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from drivers.sim_script import ScriptError, ScriptPlayer, Step, parse_script
from kiosk.config.loader import load_config
from kiosk.config.model import ConfigError
from testkit.clock import FakeClock

ACTIONS = {"show_code": {"code": (lambda v: v in ("pickup", "foreign"), "pickup or foreign", True)},
           "clear": {}}


def test_a_good_script_parses_with_defaults():
    steps = parse_script([{"do": "clear"}, {"wait": 2.5, "do": "show_code", "code": "pickup"}],
                         ACTIONS)
    assert steps == [Step(0.0, "clear", {}), Step(2.5, "show_code", {"code": "pickup"})]
    assert parse_script([{"do": "go_offline"}], ACTIONS)[0].action == "go_offline"  # common


@pytest.mark.parametrize("raw,key,allowed", [
    ("clear", "script", "a list of steps"),
    ([3], "script[0]", "a table"),
    ([{"do": "dance"}], "script[0].do", "one of clear, go_offline, go_online, show_code"),
    ([{"wait": -1, "do": "clear"}], "script[0].wait", "seconds from 0 to 3600"),
    ([{"wait": "2", "do": "clear"}], "script[0].wait", "seconds"),
    ([{"wait": True, "do": "clear"}], "script[0].wait", "seconds"),
    ([{"do": "clear"}, {"do": "show_code"}], "script[1].code", "required by 'show_code'"),
    ([{"do": "show_code", "code": "bank"}], "script[0].code", "pickup or foreign"),
    ([{"do": "clear", "code": "pickup"}], "script[0].code", "no parameters"),
])
def test_bad_steps_name_the_step_and_key(raw, key, allowed):
    with pytest.raises(ScriptError) as info:
        parse_script(raw, ACTIONS)
    assert info.value.key == key and allowed in info.value.allowed, info.value


def test_player_runs_steps_on_time_and_loops():
    clock = FakeClock()
    player = ScriptPlayer([Step(1, "a"), Step(2, "b")], loop=True, clock=clock)
    assert player.due() == []
    clock.advance(1.0)
    assert [s.action for s in player.due()] == ["a"]
    clock.advance(1.9)
    assert player.due() == []
    clock.advance(0.1)
    assert [s.action for s in player.due()] == ["b"]
    clock.advance(3.0)  # a late poll catches up in order, then the loop goes on
    assert [s.action for s in player.due()] == ["a", "b"]
    player.paused = True
    clock.advance(10)
    assert player.due() == []


def test_player_without_loop_finishes():
    clock = FakeClock()
    player = ScriptPlayer([Step(0, "a")], loop=True, clock=clock)  # no waits: never loops
    assert [s.action for s in player.due()] == ["a"]
    assert player.due() == [] and player.finished


def _profile_with(tmp_path: Path, device_table: str) -> Path:
    root = Path(__file__).resolve().parents[2]
    src = root / "config"
    (tmp_path / "profiles").mkdir()
    text = (src / "profiles" / "booth_24h.toml").read_text(encoding="utf-8")
    head = text.split("[devices.")[0]
    (tmp_path / "profiles" / "booth_24h.toml").write_text(head + device_table, encoding="utf-8")
    kiosk = (src / "kiosk.toml").read_text(encoding="utf-8")
    for sub in ("services", "bundles"):
        kiosk = kiosk.replace(f'"config/{sub}"', f'"{(src / sub).as_posix()}"')
    (tmp_path / "kiosk.toml").write_text(kiosk, encoding="utf-8")
    return tmp_path / "kiosk.toml"


def test_a_bad_script_in_the_profile_is_a_config_error(tmp_path):
    path = _profile_with(tmp_path, '[devices.qr_camera]\ndriver = "simulator"\n'
                                   'script = [{ wait = 1, do = "show_code", code = "bank" }]\n')
    with pytest.raises(ConfigError) as info:
        load_config(path, "booth_24h")
    assert info.value.key == "devices.qr_camera.script[0].code"
    assert "booth_24h.toml" in info.value.file and "pickup" in info.value.allowed


def test_a_good_script_in_the_profile_loads(tmp_path):
    path = _profile_with(tmp_path, '[devices.printer]\ndriver = "simulator"\nscript_loop = false\n'
                                   'script = [{ wait = 60, do = "paper_low" }]\n')
    cfg = load_config(path, "booth_24h")
    assert cfg.profile.devices["printer"].options["script"] == [{"wait": 60, "do": "paper_low"}]


def test_the_shipped_profiles_give_the_cameras_a_live_default():
    from drivers.document_camera.simulator import SimulatedDocumentCamera
    from drivers.qr_camera.simulator import SimulatedQrCamera
    cfg = load_config(Path(__file__).resolve().parents[2] / "config" / "kiosk.toml")
    for cls, name in ((SimulatedQrCamera, "qr_camera"), (SimulatedDocumentCamera, "document_camera")):
        assert cfg.profile.devices[name].driver == "simulator"
        actions = {s["do"] for s in cls.DEFAULT_SCRIPT}
        assert actions & {"show_code", "lay_page"}, f"{name}: default script shows nothing"
