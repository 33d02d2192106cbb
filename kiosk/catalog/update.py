"""Catalog updates from the platform: fetch on a schedule or on request, validate, stage.

Everything here runs on the updater's own thread. An update is validated with the same loader and
linter as the shipped catalog (`load_catalog`; any problem at all rejects it, as `kiosk-diag catalog
lint` would); a rejected one is deleted and the running catalog stays. A valid one is handed to
`on_staged`, which applies it between sessions (kiosk.fleet.catalog_link) and then calls `install`.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from kiosk.catalog import update_files as uf
from kiosk.catalog.catalog import Catalog
from kiosk.catalog.loader import load_catalog

log = logging.getLogger(__name__)
MAX_REPORTED_PROBLEMS = 3


class UpdateRejected(RuntimeError):
    """The platform's catalog cannot be used; the message says why (no personal data in it)."""


@dataclass(frozen=True)
class StagedCatalog:
    """A validated update waiting for the end of the current session."""

    folder: uf.Installed
    catalog: Catalog

    @property
    def version(self) -> int:
        """The platform's version number of this catalog."""
        return int(self.folder.version or 0)


def _relative(problem: Any, folder: Path) -> str:
    """A problem line naming the file as the platform does (services/X.toml), not the temp path."""
    text = str(problem)
    return text.replace(str(folder) + "/", "")


class CatalogUpdater:
    """Checks the platform for a newer catalog every `interval_s` and when `request()` is called.

    `fetch(since)` returns the /catalog answer as a dict (the platform client's call); `on_staged`
    receives each validated update; `on_error(text)` each failure (log, fleet last_error).
    """

    def __init__(self, root: Path, fetch: Callable[[int | None], Mapping[str, Any]],
                 installed: uf.Installed, key: bytes | None,
                 on_staged: Callable[[StagedCatalog], None],
                 on_error: Callable[[str], None] = lambda _text: None,
                 interval_s: float = 3600, first_check_s: float = 10) -> None:
        self.root, self.fetch, self.key = Path(root), fetch, key
        self.installed = installed
        self.on_staged, self.on_error = on_staged, on_error
        self.interval_s, self.first_check_s = interval_s, first_check_s
        self.last_error = ""
        self.checks = 0  # completed checks (tests wait on it)
        self._seen = installed.version  # the newest version fetched, applied or rejected
        self._seen_digest = installed.digest
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._done = threading.Condition()
        self._thread: threading.Thread | None = None
        self._install_lock = threading.Lock()

    # -- the thread ------------------------------------------------------------------------
    def start(self) -> None:
        """Start the background thread (first check after first_check_s, then every interval_s)."""
        self._thread = threading.Thread(target=self._run, name="catalog-update", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5) -> None:
        """Stop the thread (a check under way finishes first)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def request(self) -> str:
        """Ask for a check now (the fleet's reload_catalog); returns at once."""
        if self._thread is None or not self._thread.is_alive():
            raise RuntimeError("catalog updates are not running on this kiosk")
        self._wake.set()
        return "catalog check started; an update is applied after the current session"

    def wait_checks(self, count: int, timeout: float) -> bool:
        """Block until `count` checks have completed (tests and the soak bench)."""
        with self._done:
            return self._done.wait_for(lambda: self.checks >= count, timeout)

    def _run(self) -> None:
        delay = self.first_check_s
        while not self._stop.is_set():
            self._wake.wait(delay)
            self._wake.clear()
            if self._stop.is_set():
                return
            self.check_safely()
            delay = self.interval_s

    def check_safely(self) -> str:
        """check(), with every failure logged and reported instead of raised."""
        try:
            outcome = self.check()
            self.last_error = ""
        except Exception as exc:  # a network, platform or content failure: keep the old catalog
            outcome = f"catalog update failed: {exc}"
            self.last_error = outcome
            log.error("%s", outcome)
            self.on_error(outcome)
        with self._done:
            self.checks += 1
            self._done.notify_all()
        return outcome

    # -- one check -------------------------------------------------------------------------
    def check(self) -> str:
        """Fetch once; stage a valid new catalog; raise UpdateRejected (or the fetch's error)."""
        if not self._seen_digest:  # the shipped catalog: the platform may publish the same files
            self._seen_digest = uf.folder_digest(self.installed.services_dir, self.installed.bundles_dir)
        doc = self.fetch(self._seen)
        if not isinstance(doc, Mapping) or not isinstance(doc.get("version"), int) \
                or not isinstance(doc.get("changed"), bool):
            raise UpdateRejected("the platform's catalog answer has no version/changed fields")
        version = doc["version"]
        if not doc["changed"]:
            return f"catalog version {version} is current"
        files = uf.check_files(doc.get("files"))
        if uf.digest(files) != doc.get("digest"):
            raise UpdateRejected(f"catalog version {version}: the files do not match the digest")
        if uf.digest(files) == self._seen_digest:  # same content (e.g. the platform restarted)
            self._seen = version
            return f"catalog version {version} has the content already held"
        staged = uf.write_incoming(self.root, version, files, self.key)
        folder = staged.services_dir.parent
        try:
            catalog, problems = load_catalog(staged.services_dir, staged.bundles_dir)
        except Exception:
            uf.discard(staged)
            raise
        if problems:
            uf.discard(staged)
            self._seen, self._seen_digest = version, staged.digest  # do not fetch it again
            shown = "; ".join(_relative(p, folder) for p in problems[:MAX_REPORTED_PROBLEMS])
            more = f" (+{len(problems) - MAX_REPORTED_PROBLEMS} more)" \
                if len(problems) > MAX_REPORTED_PROBLEMS else ""
            raise UpdateRejected(f"catalog version {version} rejected, {len(problems)} problem(s): "
                                 f"{shown}{more}; keeping version {self.installed.version or 'shipped'}")
        self._seen, self._seen_digest = version, staged.digest
        log.info("catalog version %d validated (%d items, %d bundles); waiting for the end of "
                 "the session", version, len(catalog.items), len(catalog.bundles))
        self.on_staged(StagedCatalog(staged, catalog))
        return f"catalog version {version} staged"

    def install(self, staged: StagedCatalog) -> None:
        """Make an applied update the installed one on disk (runs off the UI thread)."""
        with self._install_lock:
            self.installed = uf.install(self.root, staged.folder)
        log.info("catalog version %d installed", staged.version)

    def drop(self, staged: StagedCatalog) -> None:
        """Forget a staged update superseded by a newer one before it was applied."""
        uf.discard(staged.folder)
