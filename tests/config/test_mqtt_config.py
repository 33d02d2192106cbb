"""The [mqtt] section: off by default, file values, KIOSK_MQTT_URL, and clear errors."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    dst = tmp_path / "config"
    dst.mkdir()
    shutil.copy(ROOT / "config" / "kiosk.toml", dst / "kiosk.toml")
    shutil.copytree(ROOT / "config" / "profiles", dst / "profiles")
    return dst / "kiosk.toml"


def add(cfg: Path, text: str) -> None:
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\n[mqtt]\n" + text, encoding="utf-8")


def test_no_mqtt_section_means_no_fleet_link(cfg):
    assert load_config(cfg, environ={}).mqtt is None


def test_file_values(cfg):
    (cfg.parent / "ca.pem").write_text("pem")
    add(cfg, 'url = "mqtts://broker.example:8883"\nusername = "k7"\n'
             'password_file = "var/mqtt.password"\nca_file = "config/ca.pem"\nheartbeat_s = 120\n')
    m = load_config(cfg, environ={}).mqtt
    assert m.url == "mqtts://broker.example:8883" and m.tls and m.kiosk_id == "kiosk-dev-001"
    assert m.username == "k7" and m.password_file == cfg.parent.parent / "var" / "mqtt.password"
    assert m.ca_file == cfg.parent / "ca.pem" and m.heartbeat_s == 120


def test_environment_url_alone_enables_and_overrides(cfg):
    m = load_config(cfg, environ={"KIOSK_MQTT_URL": "mqtt://127.0.0.1:1883"}).mqtt
    assert m.url == "mqtt://127.0.0.1:1883" and not m.tls and m.kiosk_id == "kiosk-dev-001"
    add(cfg, 'url = "mqtts://broker.example:8883"\nkiosk_id = "k-9"\n')
    m = load_config(cfg, environ={"KIOSK_MQTT_URL": "mqtt://10.0.0.5"}).mqtt
    assert (m.url, m.kiosk_id) == ("mqtt://10.0.0.5", "k-9")


@pytest.mark.parametrize("text, key, allowed", [
    ('url = "http://broker"\n', "mqtt.url", "mqtt:// or mqtts://"),
    ('url = "mqtt://b"\nusername = "u"\n', "mqtt.password_file", "given together"),
    ('url = "mqtt://b"\nca_file = "nope.pem"\n', "mqtt.ca_file", "existing PEM"),
    ('url = "mqtt://b"\nheartbeat_s = 5\n', "mqtt.heartbeat_s", "30 to 3600"),
    ('url = "mqtt://b"\nkiosk_id = "a b"\n', "mqtt.kiosk_id", "letters, digits"),
    ('url = "mqtt://b"\npasword_file = "x"\n', "mqtt.pasword_file", 'did you mean "password_file"'),
])
def test_bad_values_are_refused_naming_the_key(cfg, text, key, allowed):
    add(cfg, text)
    with pytest.raises(ConfigError) as err:
        load_config(cfg, environ={})
    assert err.value.key == key and allowed in str(err.value)


def test_bad_environment_url_names_the_variable(cfg):
    with pytest.raises(ConfigError, match="KIOSK_MQTT_URL"):
        load_config(cfg, environ={"KIOSK_MQTT_URL": "broker:1883"})
