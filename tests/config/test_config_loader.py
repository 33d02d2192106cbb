"""The config loader: the shipped profiles load; each bad value names file, key, value, allowed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cfg_dir(tmp_path: Path) -> Path:
    """A writable copy of config/ (without the catalog, which the loader does not read)."""
    dst = tmp_path / "config"
    dst.mkdir()
    shutil.copy(ROOT / "config" / "kiosk.toml", dst / "kiosk.toml")
    shutil.copytree(ROOT / "config" / "profiles", dst / "profiles")
    return dst


@pytest.mark.parametrize("profile", ["booth_24h", "bank_branch", "post_office"])
def test_shipped_profiles_load(profile: str) -> None:
    cfg = load_config(ROOT / "config" / "kiosk.toml", profile)
    assert cfg.profile.id == profile
    assert cfg.profile.idle_warning_s >= 20
    assert cfg.profile.idle_timeout_s > cfg.profile.idle_warning_s
    assert cfg.services_dir == ROOT / "config" / "services"
    assert set(cfg.profile.branding.title) == set(LANGUAGES)  # zh-Hant converted from zh


def test_booth_uses_simulators_and_bank_uses_serial_drivers() -> None:
    booth = load_config(ROOT / "config" / "kiosk.toml", "booth_24h").profile
    bank = load_config(ROOT / "config" / "kiosk.toml", "bank_branch").profile
    assert {d.driver for d in booth.devices.values()} == {"simulator"}
    assert bank.devices["card_reader"].driver == "sam_serial"
    assert bank.devices["card_reader"].options["baud"] == 115200
    assert booth.services is None and bank.services and not bank.offers("NOT-A-CODE")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("file,old,new,key,allowed", [
    ("kiosk.toml", 'language = "zh"', 'language = "fr"', "kiosk.language", "one of zh, en"),
    ("kiosk.toml", 'profile = "booth_24h"', 'profile = "airport"', "kiosk.profile", "bank_branch"),
    ("kiosk.toml", "width = 900", "width = 12", "display.width", "from 480 to 4096"),
    ("kiosk.toml", "kiosk_mode = false", 'kiosk_mode = "yes"', "display.kiosk_mode", "true or false"),
    ("profiles/booth_24h.toml", "idle_warning_s = 30", "idle_warning_s = 5", "idle_warning_s",
     "from 20 to 300"),
    ("profiles/booth_24h.toml", "idle_timeout_s = 90", "idle_timeout_s = 35", "idle_timeout_s",
     "from 40 to 3600"),
    ("profiles/booth_24h.toml", 'opening_hours = "24h"', 'opening_hours = "Mon-Fri 9-5"',
     "opening_hours", "weekly hours"),
    ("profiles/booth_24h.toml", 'primary_color = "#1F5FAA"', 'primary_color = "blue"',
     "branding.primary_color", "#1F5FAA"),
    ("profiles/booth_24h.toml", 'driver = "simulator"\ncard_present', 'driver = "magic"\ncard_present',
     "devices.card_reader.driver", "simulator"),
    ("profiles/booth_24h.toml", '[devices.printer]', '[devices.fax]', "devices.fax", "card_reader"),
    ("profiles/booth_24h.toml", 'services = "*"', "services = []", "services", "list of service"),
])
def test_bad_value_names_file_key_value_and_allowed(cfg_dir: Path, file: str, old: str, new: str,
                                                    key: str, allowed: str) -> None:
    _edit(cfg_dir / file, old, new)
    with pytest.raises(ConfigError) as info:
        load_config(cfg_dir / "kiosk.toml")
    err = info.value
    assert err.file.endswith(file)
    assert err.key == key
    assert allowed in err.allowed
    assert str(err).startswith(str(cfg_dir / file))


def test_missing_key_and_broken_syntax_are_reported(cfg_dir: Path) -> None:
    _edit(cfg_dir / "profiles" / "booth_24h.toml", 'id = "booth_24h"\n', "")
    with pytest.raises(ConfigError) as info:
        load_config(cfg_dir / "kiosk.toml")
    assert info.value.key == "id" and "missing" in info.value.allowed
    (cfg_dir / "kiosk.toml").write_text("[kiosk\nprofile=1", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cfg_dir / "kiosk.toml")
    assert info.value.key == "(syntax)"


@pytest.mark.parametrize("profile", ["booth_24h", "bank_branch", "post_office"])
def test_every_offered_service_exists_in_the_shipped_catalog(profile: str) -> None:
    from kiosk.catalog import load_catalog
    cfg = load_config(ROOT / "config" / "kiosk.toml", profile)
    catalog, problems = load_catalog(cfg.services_dir, cfg.bundles_dir)
    assert not problems
    for code in cfg.profile.services or ():
        assert catalog.get(code) or catalog.get_bundle(code), f"{profile} offers unknown {code}"


def test_kiosk_mode_sets_full_screen_borderless_no_cursor():
    import subprocess
    import sys
    code = ("import os; os.environ['KIVY_NO_CONSOLELOG']='1'\n"
            "from screens.kivy_env import prepare; prepare(kiosk_mode=True)\n"
            "from kivy.config import Config\n"
            "print(Config.get('graphics','fullscreen'), Config.get('graphics','borderless'),"
            " Config.get('graphics','show_cursor'), Config.get('kivy','exit_on_escape'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, env={**__import__("os").environ, "KIVY_HOME": "/tmp/kh-test"})
    assert out.stdout.split()[-4:] == ["auto", "1", "0", "0"], out.stdout + out.stderr
