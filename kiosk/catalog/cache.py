"""A start-up cache of the validated catalog, keyed on the catalog files and the loader's code.

Parsing and validating TOML and building the pinyin index costs about 1 s for 2,000 items;
the catalog changes rarely, so a kiosk start re-uses the last result while no file changed.
The cache is the kiosk's own file under var/ (never shared or downloaded), written atomically;
anything wrong with it just means a full load.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path

from kiosk.catalog.catalog import Catalog
from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import Problem

log = logging.getLogger(__name__)
FORMAT = b"catalog-cache-1"


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


def load_catalog_cached(services_dir: str | Path, bundles_dir: str | Path | None,
                        cache_dir: str | Path) -> tuple[Catalog, list[Problem]]:
    """load_catalog, re-using the cached result while the files and code are unchanged."""
    key = fingerprint(Path(services_dir), Path(bundles_dir) if bundles_dir else None)
    cache_file = Path(cache_dir) / f"catalog-{key[:24]}.pickle"
    try:
        with cache_file.open("rb") as fh:
            catalog, problems = pickle.load(fh)
        if isinstance(catalog, Catalog):
            return catalog, problems
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged cache only costs a full load
        log.warning("catalog cache %s unreadable (%s); loading from files", cache_file.name, exc)
    catalog, problems = load_catalog(services_dir, bundles_dir)
    _store(cache_file, (catalog, problems))
    return catalog, problems


def _store(cache_file: Path, value: object) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        for old in cache_file.parent.glob("catalog-*.pickle"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_file.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
    except OSError as exc:
        log.warning("catalog cache not written: %s", exc)
