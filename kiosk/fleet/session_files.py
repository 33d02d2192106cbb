"""The session temp folder (var/session) and the start-up wipe of whatever a crash left there."""
from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path


def session_dir(root: Path) -> Path:
    """var/session under the installation: the only place a session may write temporary files."""
    return Path(root) / "var" / "session"


def _unlock_tree(top: Path) -> int:
    """Make every folder under top writable (a read-only folder must not survive the wipe);
    returns how many entries it holds."""
    os.chmod(top, stat.S_IRWXU)
    count = 0
    for dirpath, dirnames, filenames in os.walk(top):  # top-down: unlock before descending
        for name in dirnames:
            sub = os.path.join(dirpath, name)
            if not os.path.islink(sub):
                os.chmod(sub, stat.S_IRWXU)
        count += len(dirnames) + len(filenames)
    return count


def wipe_previous_session(root: Path) -> int:
    """Delete everything in var/session (run at start-up, before the attract screen); returns how
    many entries were removed. Symbolic links are removed, never followed; nothing outside the
    folder (the outbox, the catalog cache, the keys) is touched."""
    folder = session_dir(root)
    removed = 0
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
        removed += 1
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    for entry in list(folder.iterdir()):
        if entry.is_symlink() or not entry.is_dir():
            entry.unlink()
            removed += 1
        else:
            removed += _unlock_tree(entry) + 1
            shutil.rmtree(entry)
    return removed
