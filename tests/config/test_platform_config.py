"""The [platform] section: file values, environment overrides, and clear errors for bad values."""
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


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_shipped_file_has_a_platform_section(cfg):
    p = load_config(cfg, environ={}).platform
    assert p.url.startswith("http://127.0.0.1") and p.kiosk_id == "kiosk-dev-001"
    assert p.secret_file == cfg.parent.parent / "var" / "platform.secret" and p.ca_file is None


def test_environment_overrides_the_file(cfg, tmp_path):
    p = load_config(cfg, environ={"KIOSK_PLATFORM_URL": "https://gov.example/api/v1",
                                  "KIOSK_ID": "K-42", "KIOSK_SECRET_FILE": str(tmp_path / "s")}).platform
    assert (p.url, p.kiosk_id, p.secret_file) == ("https://gov.example/api/v1", "K-42", tmp_path / "s")


@pytest.mark.parametrize("env, key", [
    ({"KIOSK_PLATFORM_URL": "ftp://gov.example"}, "KIOSK_PLATFORM_URL"),
    ({"KIOSK_PLATFORM_URL": "not a url"}, "KIOSK_PLATFORM_URL"),
    ({"KIOSK_ID": "bad id with spaces"}, "KIOSK_ID"),
    ({"KIOSK_SECRET_FILE": ""}, "KIOSK_SECRET_FILE")])
def test_bad_environment_values_name_the_variable(cfg, env, key):
    with pytest.raises(ConfigError) as err:
        load_config(cfg, environ=env)
    assert err.value.key == key and err.value.file == f"environment {key}"


def test_bad_file_values_name_the_key(cfg):
    replace(cfg, 'kiosk_id = "kiosk-dev-001"', "kiosk_id = 7")
    with pytest.raises(ConfigError, match=r"platform\.kiosk_id = 7"):
        load_config(cfg, environ={})


def test_ca_file_must_exist(cfg):
    replace(cfg, '# ca_file = "config/platform-ca.pem"', 'ca_file = "config/none.pem"')
    with pytest.raises(ConfigError, match="platform.ca_file.*existing PEM"):
        load_config(cfg, environ={})
    (cfg.parent / "none.pem").write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    assert load_config(cfg, environ={}).platform.ca_file == cfg.parent / "none.pem"
