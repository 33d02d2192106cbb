"""Configuration from outside: unreadable files, typos, bad driver options all give one clear error."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cfg_dir(tmp_path: Path) -> Path:
    """A writable copy of config/ without the catalog."""
    dst = tmp_path / "config"
    dst.mkdir()
    shutil.copy(ROOT / "config" / "kiosk.toml", dst / "kiosk.toml")
    shutil.copytree(ROOT / "config" / "profiles", dst / "profiles")
    return dst


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(path: Path, profile: str | None = None) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(path, profile)
    return info.value


def test_kiosk_toml_not_utf8(cfg_dir: Path) -> None:
    (cfg_dir / "kiosk.toml").write_bytes(b'[kiosk]\nprofile = "booth_24h"\n# \xff\xfe\n')
    err = _error(cfg_dir / "kiosk.toml")
    assert err.key == "(file)" and "not UTF-8" in str(err.value) and "offset" in str(err.value)


def test_kiosk_toml_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "kiosk.toml").mkdir()
    err = _error(tmp_path / "kiosk.toml")
    assert "folder" in str(err.value) and err.file.endswith("kiosk.toml")


def test_kiosk_toml_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    err = _error(tmp_path / "a.toml")
    assert "loop" in str(err.value)


def test_kiosk_toml_missing(tmp_path: Path) -> None:
    err = _error(tmp_path / "nothing.toml")
    assert "does not exist" in str(err.value)


def test_kiosk_toml_unreadable_as_another_user(cfg_dir: Path) -> None:
    """Permission denied is a message, not a traceback (run as an unprivileged user when root)."""
    (cfg_dir / "kiosk.toml").chmod(0)
    code = ("import sys; from kiosk.config import ConfigError, load_config\n"
            "try:\n    load_config(sys.argv[1])\nexcept ConfigError as e:\n    print(e.value)\n")
    cmd = [sys.executable, "-c", code, str(cfg_dir / "kiosk.toml")]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("setpriv missing: cannot drop root to test a permission error")
        for parent in [cfg_dir, *cfg_dir.parents]:
            if parent == Path("/"):
                break
            parent.chmod(parent.stat().st_mode | 0o011)  # let the other user walk to the file
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "Traceback" not in out.stderr, out.stderr
    assert "permission denied" in out.stdout


def test_profile_not_utf8(cfg_dir: Path) -> None:
    path = cfg_dir / "profiles" / "booth_24h.toml"
    path.write_bytes(path.read_bytes().replace("自助".encode(), "自助".encode("gb18030"), 1))
    err = _error(cfg_dir / "kiosk.toml")
    assert err.file.endswith("booth_24h.toml") and "not UTF-8" in str(err.value)


def test_deeply_nested_profile_is_refused_not_recursion_error(cfg_dir: Path) -> None:
    path = cfg_dir / "profiles" / "booth_24h.toml"
    path.write_text(path.read_text(encoding="utf-8") + "deep = " + "[" * 5000 + "]" * 5000 + "\n",
                    encoding="utf-8")
    err = _error(cfg_dir / "kiosk.toml")
    assert err.key == "(syntax)" and "deep" in str(err.value)


def test_oversized_profile_is_refused(cfg_dir: Path) -> None:
    path = cfg_dir / "profiles" / "booth_24h.toml"
    path.write_text(path.read_text(encoding="utf-8") + "#" * 300_000 + "\n", encoding="utf-8")
    assert "larger than" in str(_error(cfg_dir / "kiosk.toml").value)


@pytest.mark.parametrize("file,old,new,key,hint", [
    ("profiles/booth_24h.toml", "idle_timeout_s = 90", "idle_timeout = 5\nidle_timeout_s = 90",
     "idle_timeout", 'did you mean "idle_timeout_s"'),
    ("kiosk.toml", 'language = "zh"', 'language = "zh"\nlangauge = "en"', "kiosk.langauge",
     'did you mean "language"'),
    ("kiosk.toml", "width = 900", "width = 900\nfullscreen = true", "display.fullscreen",
     "no such setting"),
    ("profiles/booth_24h.toml", 'accent_color = "#E8A33D"', 'accent_color = "#E8A33D"\naccent = 1',
     "branding.accent", 'did you mean "accent_color"'),
])
def test_unknown_keys_are_refused_with_the_closest_known_key(cfg_dir: Path, file: str, old: str,
                                                             new: str, key: str, hint: str) -> None:
    _replace(cfg_dir / file, old, new)
    err = _error(cfg_dir / "kiosk.toml")
    assert err.key == key and hint in err.allowed and err.file.endswith(file)


@pytest.mark.parametrize("device,lines,key,allowed", [
    ("card_reader", 'driver = "sam_serial"\nport = "/dev/null"\npoll_interval = -1', "poll_interval",
     "from 0.05 to 10"),
    ("card_reader", 'driver = "sam_serial"\nport = "/dev/null"\nbaud = "fast"', "baud", "115200"),
    ("card_reader", 'driver = "sam_serial"\nbaud = 9600', "port", "required"),
    ("qr_camera", 'driver = "opencv"\nsource = "x.avi"\ndecode_fps = "fast"', "decode_fps",
     "number from"),
    ("qr_camera", 'driver = "opencv"\nsource = "x.avi"\ndecode_fsp = 5', "decode_fsp",
     'did you mean "decode_fps"'),
    ("printer", 'driver = "escpos_serial"\nport = "/dev/null"\ntimeout = nan', "timeout",
     "number from"),
    ("printer", 'driver = "simulator"\nport = "/dev/null"', "port", "no such option"),
])
def test_driver_options_are_checked_at_start_up(cfg_dir: Path, device: str, lines: str, key: str,
                                                allowed: str) -> None:
    path = cfg_dir / "profiles" / "booth_24h.toml"
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.partition(f"[devices.{device}]\n")
    rest = tail.split("\n[", 1)
    path.write_text(head + sep + lines + "\n" + ("\n[" + rest[1] if len(rest) > 1 else ""),
                    encoding="utf-8")
    err = _error(cfg_dir / "kiosk.toml")
    assert err.key == f"devices.{device}.{key}" and allowed in err.allowed


@pytest.mark.parametrize("name", ["../kiosk", "../../etc/passwd", "Booth", "booth_24h/..", ""])
def test_profile_override_must_be_a_plain_name(cfg_dir: Path, name: str) -> None:
    err = _error(cfg_dir / "kiosk.toml", name)
    assert err.key == "kiosk.profile"
