"""The installation key file: created private, repaired or refused when it cannot be trusted."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.installation_key import KEY_BYTES, KeyFileError, installation_key


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_created_private_then_reused(tmp_path: Path) -> None:
    path = tmp_path / "var" / "installation.key"
    key = installation_key(path)
    assert len(key) == KEY_BYTES and _mode(path) == 0o600
    assert installation_key(path) == key


def test_a_world_readable_key_is_made_private_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "installation.key"
    key = installation_key(path)
    path.chmod(0o644)
    assert installation_key(path) == key
    assert _mode(path) == 0o600


@pytest.mark.parametrize("content", [b"short", bytes(16), bytes(32), b"ab" * 16, b"x" * 33])
def test_a_damaged_key_is_replaced_with_a_private_random_one(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "installation.key"
    path.write_bytes(content)
    path.chmod(0o644)
    key = installation_key(path)
    assert key != content[:KEY_BYTES] and len(key) == KEY_BYTES and len(set(key)) > 12
    assert _mode(path) == 0o600 and path.read_bytes() == key


def test_a_symlink_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    public = tmp_path / "public.txt"
    public.write_bytes(os.urandom(32))
    before = public.read_bytes()
    path = tmp_path / "installation.key"
    path.symlink_to(public)
    with pytest.raises(KeyFileError, match="symbolic link"):
        installation_key(path)
    assert public.read_bytes() == before


def test_a_folder_in_place_of_the_key_is_refused(tmp_path: Path) -> None:
    (tmp_path / "installation.key").mkdir()
    with pytest.raises(KeyFileError, match="not a plain file"):
        installation_key(tmp_path / "installation.key")


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    installation_key(tmp_path / "installation.key")
    (tmp_path / "installation.key").write_bytes(bytes(32))
    installation_key(tmp_path / "installation.key")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["installation.key"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_key_owned_by_another_user_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "installation.key"
    path.write_bytes(os.urandom(32))
    path.chmod(0o600)
    os.chown(path, 65534, 65534)
    with pytest.raises(KeyFileError, match="belongs to user 65534"):
        installation_key(path)
