"""The service catalog the platform publishes to kiosks: numbered versions of the guide files.

The server starts at version 1 with the catalog folders it was given (config/services and the
bundles folder beside it). A kiosk asks `GET /api/v1/catalog?since=N`; when N is not the current
version it gets the WHOLE current catalog (every guide and bundle file), never a diff: a kiosk
validates a catalog as one unit, and the shipped catalog is ~150 kB. Versions live in memory only:
after a server restart the numbering starts at 1 again, and a kiosk holding another number simply
receives the whole catalog again.
"""
from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

# "services/HRSS-001.toml", "bundles/newborn.toml": two folders, flat names, nothing else
FILE_NAME = re.compile(r"^(services|bundles)/[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}\.toml$")
MAX_FILES = 5_000
MAX_FILE_BYTES = 512 * 1024
MAX_SINCE_DIGITS = 12


class CatalogFileError(ValueError):
    """A published file name or text the store will not hold; the message says which and why."""


def check_files(files: Mapping[str, str]) -> None:
    """Raise CatalogFileError unless every name matches FILE_NAME and every text is a bounded str."""
    if len(files) > MAX_FILES:
        raise CatalogFileError(f"{len(files):,} files; at most {MAX_FILES:,}")
    for name, text in files.items():
        if not isinstance(name, str) or not FILE_NAME.match(name):
            raise CatalogFileError(f"file name {str(name)[:90]!r} is not services/NAME.toml or "
                                   "bundles/NAME.toml")
        if not isinstance(text, str):
            raise CatalogFileError(f"{name}: the file text must be a string")
        if len(text.encode("utf-8")) > MAX_FILE_BYTES:
            raise CatalogFileError(f"{name}: larger than {MAX_FILE_BYTES // 1024} KiB")


def digest(files: Mapping[str, str]) -> str:
    """SHA-256 over the sorted names and texts (the same catalog always has the same digest)."""
    h = hashlib.sha256()
    for name in sorted(files):
        data = files[name].encode("utf-8")
        h.update(f"{name}\0{len(data)}\0".encode() + data)
    return h.hexdigest()


def read_folders(services_dir: Path, bundles_dir: Path | None) -> dict[str, str]:
    """The catalog files of two folders as {"services/X.toml": text, "bundles/Y.toml": text}."""
    files: dict[str, str] = {}
    for prefix, folder in (("services", services_dir), ("bundles", bundles_dir)):
        if folder is None or not Path(folder).is_dir():
            continue
        for path in sorted(Path(folder).glob("*.toml")):
            files[f"{prefix}/{path.name}"] = path.read_text("utf-8")
    check_files(files)
    return files


@dataclass(frozen=True)
class Published:
    """One published catalog version."""

    version: int
    files: Mapping[str, str]
    digest: str


class CatalogStore:
    """The current catalog version; tests publish new ones through /_test/catalog."""

    def __init__(self, files: Mapping[str, str]) -> None:
        check_files(files)
        self._lock = threading.Lock()
        self._current = Published(1, dict(files), digest(files))

    @classmethod
    def from_folders(cls, services_dir: Path, bundles_dir: Path | None = None) -> "CatalogStore":
        """A store whose version 1 is the files of these folders (bundles default: beside services)."""
        services_dir = Path(services_dir)
        if bundles_dir is None:
            bundles_dir = services_dir.parent / "bundles"
        return cls(read_folders(services_dir, bundles_dir))

    @property
    def current(self) -> Published:
        """The version kiosks get now."""
        with self._lock:
            return self._current

    def publish(self, files: Mapping[str, str], remove: tuple[str, ...] = (),
                replace_all: bool = False) -> Published:
        """A new version: files added or replaced (all files when replace_all), names removed.

        The store does not validate guide contents: a broken catalog can be published (kiosks must
        reject it), which is exactly what the tests need.
        """
        check_files(files)
        with self._lock:
            merged = {} if replace_all else dict(self._current.files)
            for name in remove:
                merged.pop(name, None)
            merged.update(files)
            self._current = Published(self._current.version + 1, merged, digest(merged))
            return self._current

    def answer(self, since: int | None) -> dict:
        """The /catalog answer: the whole catalog when `since` is not the current version."""
        current = self.current
        body: dict = {"version": current.version, "digest": current.digest,
                      "changed": since != current.version}
        if body["changed"]:
            body["files"] = dict(current.files)
        return body


def parse_since(value: str | None) -> int | None:
    """The `since` query value: absent means "I have none"; else 0 or more digits (ValueError)."""
    if value is None or value == "":
        return None
    if not value.isascii() or not value.isdigit() or len(value) > MAX_SINCE_DIGITS:
        raise ValueError(f"since must be a catalog version number (0 to {MAX_SINCE_DIGITS} digits)")
    return int(value)
