"""Applies platform catalog updates to a running kiosk between sessions, and reports the version."""
from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from kiosk.catalog import update_files as uf
from kiosk.catalog.update import CatalogUpdater, StagedCatalog
from kiosk.flow.events import SessionEnded
from kiosk.flow.staff.snapshot import catalog_version

log = logging.getLogger(__name__)


class CatalogSwitch:
    """Holds a validated update until no resident is mid-journey, then swaps the flow's catalog.

    The swap is in memory and cheap (attributes of the shared CatalogContent), so it may run on the
    UI thread at session end; building the new content and moving folders on disk run on `work`.
    """

    def __init__(self, host: Any, content: Any, build_content: Callable[[Any], Any],
                 work: ThreadPoolExecutor | None = None) -> None:
        self.host, self.content, self.build_content = host, content, build_content
        self.work = work or ThreadPoolExecutor(1, thread_name_prefix="catalog-apply")
        self.updater: CatalogUpdater | None = None
        self.telemetry: Any = None
        self.applied = 0  # how many updates were swapped in (tests and the soak bench watch it)
        self._pending: tuple[StagedCatalog, Any] | None = None
        self._lock = threading.Lock()
        self.applied_event = threading.Event()
        host.subscribe(SessionEnded, lambda _event: self.try_apply())

    def offer(self, staged: StagedCatalog) -> None:
        """Called on the updater's thread: prepare the new content, then apply it when idle."""
        new_content = self.build_content(staged.catalog)
        new_content.catalog_release = staged.version
        with self._lock:
            previous, self._pending = self._pending, (staged, new_content)
        if previous is not None and self.updater is not None:
            self.updater.drop(previous[0])
        self.try_apply()

    def try_apply(self) -> bool:
        """Swap in the pending catalog when no session is open; False when it must wait."""
        with self.host.lock:  # begin_session takes the same lock: no resident can start meanwhile
            if self.host.session is not None:
                return False
            with self._lock:
                pending, self._pending = self._pending, None
            if pending is None:
                return False
            staged, new_content = pending
            vars(self.content).update(vars(new_content))
            self.applied += 1
        log.info("catalog version %d applied between sessions", staged.version)
        self.report_version()
        self.applied_event.set()
        if self.updater is not None:
            self.work.submit(self.updater.install, staged)
        return True

    def pending_version(self) -> int | None:
        """The version waiting for the end of the session (None when nothing waits)."""
        with self._lock:
            return self._pending[0].version if self._pending else None

    def report_version(self) -> None:
        """Publish the running catalog's version to the fleet."""
        if self.telemetry is not None:
            self.telemetry.set("catalog_version", catalog_version(self.content))

    def report_error(self, text: str) -> None:
        """A failed or rejected update: the fleet's last_error (the log has it already)."""
        if self.telemetry is not None:
            self.telemetry.set("last_error", text)


def platform_fetch(platform_config: Any) -> Callable[[int | None], dict]:
    """fetch(since) over a platform client of its own (the updater's thread uses it alone)."""
    from kiosk.platform_link import PlatformClient
    client = PlatformClient.from_config(platform_config)

    def fetch(since: int | None) -> dict:
        query = {"since": str(since)} if since is not None else None
        return client.call("catalog", query=query).json()

    return fetch


def start_catalog_updates(core: Any, fetch: Callable[[int | None], dict] | None = None,
                          interval_s: float | None = None, first_check_s: float = 10
                          ) -> CatalogSwitch | None:
    """Start checking the platform for catalog updates when [platform] is set; None otherwise."""
    platform = core.config.platform
    if fetch is None:
        if platform is None or not platform.secret_file.is_file():
            return None
        try:
            fetch = platform_fetch(platform)
        except Exception as exc:  # a bad secret file must not stop the kiosk: no updates, say why
            log.error("catalog updates disabled: %s", exc)
            return None
    from kiosk.flow.browse import CatalogContent
    content = core.content

    def build(catalog: Any) -> Any:
        return CatalogContent(catalog, [], content.tr, content.profile, content.now)

    switch = CatalogSwitch(core.flow, content, build)
    root = core.config.root
    from kiosk.installation_key import installation_key
    key = installation_key(root / "var" / "installation.key")
    installed = getattr(content, "catalog_source", None) or \
        uf.Installed(core.config.services_dir, core.config.bundles_dir)
    interval = interval_s if interval_s is not None else getattr(platform, "catalog_check_s", 3600)
    updater = CatalogUpdater(root, fetch, installed, key, switch.offer, switch.report_error,
                             interval_s=interval, first_check_s=first_check_s)
    switch.updater = updater
    updater.start()
    return switch
