"""On-disk catalog updates under var/catalog: a staged folder, the installed one, and its signed stamp.

var/catalog/incoming-XXXX/   a download being validated (removed when rejected)
var/catalog/current/         the installed update: services/, bundles/ and stamp.json
The stamp holds the platform's version and digest plus an HMAC by the installation key, so a folder
edited on disk (or copied from another kiosk) is not believed: the shipped catalog is used instead.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

log = logging.getLogger(__name__)

# the same rule the platform states in its interface document; a name outside it is never written
FILE_NAME = re.compile(r"^(services|bundles)/[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}\.toml$")
MAX_FILES = 5_000
MAX_TOTAL_BYTES = 32 * 1024 * 1024
STAMP = "stamp.json"
CURRENT = "current"
_NO_KEY = b"catalog-update: no installation key"


class UpdateFileError(ValueError):
    """The platform's answer cannot be written as a catalog folder; the message says why."""


@dataclass(frozen=True)
class Installed:
    """A catalog folder on disk with the platform version it came from (None: the shipped one)."""

    services_dir: Path
    bundles_dir: Path | None
    version: int | None = None
    digest: str = ""


def updates_dir(root: Path) -> Path:
    """var/catalog under the installation."""
    return Path(root) / "var" / "catalog"


def digest(files: Mapping[str, str]) -> str:
    """SHA-256 over the sorted names and texts (the platform computes the same)."""
    h = hashlib.sha256()
    for name in sorted(files):
        data = files[name].encode("utf-8")
        h.update(f"{name}\0{len(data)}\0".encode() + data)
    return h.hexdigest()


def check_files(files: object) -> dict[str, str]:
    """The files as a dict, or UpdateFileError when a name or a text is not acceptable."""
    if not isinstance(files, dict) or not files:
        raise UpdateFileError("the answer has no catalog files")
    if len(files) > MAX_FILES:
        raise UpdateFileError(f"{len(files):,} files; at most {MAX_FILES:,}")
    total = 0
    for name, text in files.items():
        if not isinstance(name, str) or not FILE_NAME.match(name):
            raise UpdateFileError(f"file name {str(name)[:90]!r} is not services/NAME.toml or "
                                  "bundles/NAME.toml")
        if not isinstance(text, str):
            raise UpdateFileError(f"{name}: the file text is not a string")
        total += len(text)
    if total > MAX_TOTAL_BYTES:
        raise UpdateFileError(f"the catalog is over {MAX_TOTAL_BYTES // 2**20} MiB")
    return dict(files)


def _tag(key: bytes | None, version: int, files_digest: str) -> str:
    return hmac.new(key or _NO_KEY, f"{version}\n{files_digest}".encode(), hashlib.sha256).hexdigest()


def write_incoming(root: Path, version: int, files: Mapping[str, str], key: bytes | None) -> Installed:
    """Write a downloaded catalog to a fresh var/catalog/incoming-* folder (not yet installed)."""
    base = updates_dir(root)
    base.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="incoming-", dir=base))
    for sub in ("services", "bundles"):
        (folder / sub).mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    files_digest = digest(files)
    stamp = {"version": version, "digest": files_digest, "tag": _tag(key, version, files_digest)}
    (folder / STAMP).write_text(json.dumps(stamp), "utf-8")
    return Installed(folder / "services", folder / "bundles", version, files_digest)


def discard(staged: Installed) -> None:
    """Remove a staged folder (a rejected update)."""
    shutil.rmtree(staged.services_dir.parent, ignore_errors=True)


def install(root: Path, staged: Installed) -> Installed:
    """Make a validated staged folder the installed catalog (the previous one is removed)."""
    base = updates_dir(root)
    current = base / CURRENT
    old = None
    if current.exists():
        old = base / f"old-{os.getpid()}-{staged.version}"
        os.replace(current, old)
    os.replace(staged.services_dir.parent, current)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return Installed(current / "services", current / "bundles", staged.version, staged.digest)


def _read_tree(folder: Path) -> dict[str, str]:
    files = {}
    for sub in ("services", "bundles"):
        for path in sorted((folder / sub).glob("*.toml")):
            files[f"{sub}/{path.name}"] = path.read_text("utf-8")
    return files


def folder_digest(services_dir: Path, bundles_dir: Path | None) -> str:
    """The digest of a catalog held in two folders (the shipped one), as the platform computes it."""
    files = {f"services/{p.name}": p.read_text("utf-8") for p in sorted(Path(services_dir).glob("*.toml"))}
    if bundles_dir is not None and Path(bundles_dir).is_dir():
        files.update({f"bundles/{p.name}": p.read_text("utf-8")
                      for p in sorted(Path(bundles_dir).glob("*.toml"))})
    return digest(files)


def active_catalog(root: Path, shipped_services: Path, shipped_bundles: Path | None,
                   key: bytes | None) -> Installed:
    """The installed update when its stamp verifies, else the shipped catalog; removes leftovers
    of an interrupted download. Runs at start-up, before the UI."""
    base = updates_dir(root)
    shipped = Installed(Path(shipped_services), Path(shipped_bundles) if shipped_bundles else None)
    if not base.is_dir():
        return shipped
    for leftover in list(base.glob("incoming-*")) + list(base.glob("old-*")):
        shutil.rmtree(leftover, ignore_errors=True)
    current = base / CURRENT
    if not current.is_dir():
        return shipped
    try:
        stamp = json.loads((current / STAMP).read_text("utf-8"))
        version, files_digest = int(stamp["version"]), str(stamp["digest"])
        if not hmac.compare_digest(str(stamp["tag"]), _tag(key, version, files_digest)):
            raise ValueError("stamp signature does not match")
        if digest(_read_tree(current)) != files_digest:
            raise ValueError("the files differ from the stamp")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.error("installed catalog update not used (%s); using the shipped catalog", exc)
        return shipped
    return Installed(current / "services", current / "bundles", version, files_digest)
