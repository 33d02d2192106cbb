"""The one place a resident's session may keep temporary files: var/session/<session id>/.

Each session's folder (mode 0700, files 0600) is created on first use and removed when the
session ends (finish, cancel, idle timeout all raise SessionEnded); whatever a crash leaves is
removed at the next start-up (kiosk.fleet.session_files.wipe_previous_session, same folder).
Removal runs on a worker thread: SessionEnded is raised on the UI thread, which must not wait on
the disk.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import threading
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from kiosk.fleet.session_files import session_dir, wipe_previous_session

log = logging.getLogger(__name__)
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")
_BY_HOST: "weakref.WeakKeyDictionary[Any, SessionFiles]" = weakref.WeakKeyDictionary()


class SessionFiles:
    """Per-session temporary folders under var/session, wiped at each session's end."""

    def __init__(self, root: Path) -> None:
        self.base = session_dir(root)
        self._root = Path(root)
        self._dirs: dict[str, Path] = {}
        self._lock = threading.Lock()
        self._work = ThreadPoolExecutor(1, thread_name_prefix="session-files")
        self._host: Any = None

    # -- wiring ------------------------------------------------------------------------------
    def attach(self, host: Any) -> "SessionFiles":
        """Wipe each session's folder when the host ends it; session_files_of(host) finds self."""
        from kiosk.flow.events import SessionEnded
        self._host = host
        host.subscribe(SessionEnded, lambda _event: self.session_ended())
        _BY_HOST[host] = self
        return self

    # -- writing -----------------------------------------------------------------------------
    def folder(self, session_id: str) -> Path:
        """The session's folder (created, 0700); never shared between sessions."""
        if not _NAME.match(session_id):
            raise ValueError(f"session id {session_id[:20]!r} cannot name a folder")
        with self._lock:
            path = self._dirs.get(session_id)
            if path is None:
                path = self.base / session_id
                self.base.mkdir(parents=True, exist_ok=True)
                os.chmod(self.base, 0o700)
                path.mkdir(mode=0o700, exist_ok=True)
                self._dirs[session_id] = path
            return path

    def path(self, session_id: str, name: str) -> Path:
        """A file path in the session's folder (the name is a plain file name)."""
        if not _NAME.match(name):
            raise ValueError(f"{name[:40]!r} is not a plain file name")
        return self.folder(session_id) / name

    def write(self, session_id: str, name: str, data: bytes) -> Path:
        """Write a private (0600) file into the session's folder; returns its path."""
        target = self.path(session_id, name)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return target

    def current_path(self, name: str) -> Path | None:
        """A path in the attached host's current session folder; None when no session is open."""
        session = getattr(self._host, "session", None)
        return self.path(session.id, name) if session is not None else None

    # -- wiping ------------------------------------------------------------------------------
    def session_ended(self) -> Future:
        """Remove the folders of every session but the one open now (on the worker thread)."""
        session = getattr(self._host, "session", None)
        keep = session.id if session is not None else None
        with self._lock:
            doomed = [p for sid, p in self._dirs.items() if sid != keep]
            self._dirs = {sid: p for sid, p in self._dirs.items() if sid == keep}
        return self._work.submit(self._remove, doomed)

    @staticmethod
    def _remove(folders: list[Path]) -> int:
        removed = 0
        for folder in folders:
            if folder.exists():
                removed += sum(1 for _ in folder.rglob("*"))
                shutil.rmtree(folder, ignore_errors=True)
        if removed:
            log.info("session ended: %d temporary file(s) removed", removed)
        return removed

    def wipe_all(self) -> int:
        """Remove everything under var/session now (start-up; no session may be open)."""
        with self._lock:
            self._dirs.clear()
        return wipe_previous_session(self._root)

    def close(self) -> None:
        """Finish pending removals and stop the worker."""
        self._work.shutdown(wait=True)


def session_files_of(host: Any) -> SessionFiles | None:
    """The SessionFiles attached to this flow host (None when none is)."""
    return _BY_HOST.get(host)
