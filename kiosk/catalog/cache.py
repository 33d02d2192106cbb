"""A start-up cache of the validated catalog, keyed on the catalog files and the loader's code.

Parsing and validating TOML and building the pinyin index costs about 1 s for 2,000 items;
the catalog changes rarely, so a kiosk start re-uses the last result while no file changed.
The cache is plain JSON (reading it cannot run code) under var/, signed with HMAC-SHA256 by the
installation key so that an edited file (say, a guide URL swapped for a phishing one) is not
believed: a cache that is damaged, edited or from another key is ignored and rebuilt.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import tempfile
from pathlib import Path

from kiosk.catalog import plain
from kiosk.catalog.catalog import Catalog
from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import Problem

log = logging.getLogger(__name__)
FORMAT = b"catalog-cache-2"
SUFFIX = ".json"
# without an installation key the tag still catches a damaged file, not a deliberate edit
_NO_KEY = b"catalog-cache: no installation key"


def fingerprint(*folders: Path | None) -> str:
    """Hash of every catalog file's name, size and mtime, and of the catalog code itself."""
    h = hashlib.sha256(FORMAT)
    code = Path(__file__).resolve().parent
    sources = [p for folder in folders if folder is not None and Path(folder).is_dir()
               for p in sorted(Path(folder).rglob("*")) if p.is_file()]
    sources += sorted(code.glob("*.py")) + sorted(code.glob("*.toml"))
    for path in sources:
        st = path.stat()
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _tag(key: bytes | None, body: bytes) -> bytes:
    return hmac.new(key or _NO_KEY, FORMAT + b"\n" + body, hashlib.sha256).hexdigest().encode()


def read_cache(cache_file: Path, key: bytes | None) -> tuple[Catalog, list[Problem]]:
    """The catalog in cache_file; ValueError when it is damaged, edited or signed by another key."""
    raw = cache_file.read_bytes()
    header, _, body = raw.partition(b"\n")
    fmt, _, tag = header.partition(b" ")
    if fmt != FORMAT:
        raise ValueError(f"not a {FORMAT.decode()} file")
    if not hmac.compare_digest(tag, _tag(key, body)):
        raise ValueError("signature does not match (edited, damaged or another installation's key)")
    return plain.catalog_from_plain(json.loads(body, object_hook=plain.Reader()))


def load_catalog_cached(services_dir: str | Path, bundles_dir: str | Path | None,
                        cache_dir: str | Path, key: bytes | None = None
                        ) -> tuple[Catalog, list[Problem]]:
    """load_catalog, re-using the cached result while the files and code are unchanged."""
    folder_key = fingerprint(Path(services_dir), Path(bundles_dir) if bundles_dir else None)
    cache_file = Path(cache_dir) / f"catalog-{folder_key[:24]}{SUFFIX}"
    try:
        return read_cache(cache_file, key)
    except FileNotFoundError:
        pass
    except (ValueError, OSError) as exc:  # a bad cache only costs a full load
        log.warning("catalog cache %s not used (%s); loading from files", cache_file.name, exc)
    catalog, problems = load_catalog(services_dir, bundles_dir)
    _store(cache_file, catalog, problems, key)
    return catalog, problems


def _store(cache_file: Path, catalog: Catalog, problems: list[Problem], key: bytes | None) -> None:
    try:
        body = json.dumps(plain.catalog_to_plain(catalog, problems), ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    except (plain.CacheFormatError, ValueError) as exc:
        log.warning("catalog cache not written: %s", exc)
        return
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        for old in cache_file.parent.glob("catalog-*"):  # older keys and older formats
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_file.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(FORMAT + b" " + _tag(key, body) + b"\n" + body)
        os.replace(tmp, cache_file)
    except OSError as exc:
        log.warning("catalog cache not written: %s", exc)
