"""Load a catalog folder: shared libraries, one file per item, bundles, then cross-file checks."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from kiosk.catalog.catalog import Catalog
from kiosk.catalog.model import Bundle, Problem, ServiceItem
from kiosk.catalog.parse import (Libraries, parse_bundle, parse_departments, parse_field_library,
                                 parse_item, parse_material_library)
from kiosk.catalog.schema import Reader
from kiosk.fileio import FileReadError, read_toml

LIBRARY_FILES = ("_departments.toml", "_materials.toml", "_fields.toml")
MAX_GUIDE_BYTES = 512 * 1024   # the largest shipped guide file is ~6 kB
MAX_FILES = 5_000              # service and bundle files in one folder


def _read(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        return read_toml(path, max_bytes=MAX_GUIDE_BYTES)
    except FileReadError as exc:
        problems.append(Problem(str(path), "", exc.reason))
    return None


def _toml_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The folder's .toml files in name order, at most MAX_FILES of them."""
    try:
        paths = sorted(folder.glob("*.toml"))
    except OSError as exc:
        problems.append(Problem(str(folder), "", f"cannot be listed ({exc.strerror or exc})"))
        return []
    if len(paths) > MAX_FILES:
        problems.append(Problem(str(folder), "", f"holds {len(paths):,} files; only the first "
                                f"{MAX_FILES:,} are read"))
    return paths[:MAX_FILES]


def load_libraries(services_dir: Path, problems: list[Problem]) -> Libraries:
    """Read _departments.toml, _materials.toml and _fields.toml from the services folder."""
    libs = Libraries({}, {}, {})
    parsers = (parse_departments, parse_material_library, parse_field_library)
    targets = (libs.departments, libs.materials, libs.fields)
    for name, parser, target in zip(LIBRARY_FILES, parsers, targets):
        path = services_dir / name
        if not path.exists():
            problems.append(Problem(str(path), "", "shared library file is missing"))
            continue
        data = _read(path, problems)
        if data is not None:
            target.update(parser(Reader(str(path), data, "", problems)))
    return libs


def _consistent(item: ServiceItem, seen_mat: dict, seen_field: dict, problems: list[Problem]) -> bool:
    """Item-local materials/fields with the same id in two files must mean the same thing."""
    ok = True
    for index, mat in enumerate(item.materials):
        other = seen_mat.get(mat.id)
        if other and (other[0].name, other[0].trust_level) != (mat.name, mat.trust_level):
            problems.append(Problem(item.source_file, f"materials[{index}].id",
                                    f"material {mat.id!r} differs from its definition in {other[1]}"))
            ok = False
    for index, fld in enumerate(item.fields):
        other = seen_field.get(fld.id)
        if other and (other[0].type, other[0].label) != (fld.type, fld.label):
            problems.append(Problem(item.source_file, f"fields[{index}].id",
                                    f"field {fld.id!r} differs from its definition in {other[1]}"))
            ok = False
    if ok:
        for mat in item.materials:
            seen_mat.setdefault(mat.id, (mat, item.source_file))
        for fld in item.fields:
            seen_field.setdefault(fld.id, (fld, item.source_file))
    return ok


def load_items(services_dir: Path, libs: Libraries, problems: list[Problem]) -> dict[str, ServiceItem]:
    """Parse every item file (names not starting with "_"); broken files are skipped."""
    items: dict[str, ServiceItem] = {}
    seen_mat = {mid: (mat, "_materials.toml") for mid, mat in libs.materials.items()}
    seen_field = {fid: (fld, "_fields.toml") for fid, fld in libs.fields.items()}
    for path in _toml_files(services_dir, problems):
        if path.name.startswith("_"):
            continue
        data = _read(path, problems)
        if data is None:
            continue
        item = parse_item(Reader(str(path), data, "", problems), libs)
        if item is None:
            continue
        if item.code in items:
            problems.append(Problem(str(path), "code", f"duplicate code {item.code!r}, "
                                    f"already used by {items[item.code].source_file}"))
            continue
        if _consistent(item, seen_mat, seen_field, problems):
            items[item.code] = item
    return items


def load_bundles(bundles_dir: Path, items: dict[str, ServiceItem],
                 problems: list[Problem]) -> dict[str, Bundle]:
    """Parse bundle files and resolve the item codes they name."""
    bundles: dict[str, Bundle] = {}
    for path in _toml_files(bundles_dir, problems):
        data = _read(path, problems)
        if data is None:
            continue
        bundle = parse_bundle(Reader(str(path), data, "", problems))
        if bundle is None:
            continue
        unknown = [i for i, code in enumerate(bundle.item_codes) if code not in items]
        for index in unknown:
            problems.append(Problem(str(path), f"items[{index}]",
                                    f"unknown item code {bundle.item_codes[index]!r}"))
        if bundle.id in bundles:
            problems.append(Problem(str(path), "id", f"duplicate bundle id {bundle.id!r}, "
                                    f"already used by {bundles[bundle.id].source_file}"))
            continue
        if not unknown:
            resolved = tuple(items[code] for code in bundle.item_codes)
            bundles[bundle.id] = replace(bundle, items=resolved)
    return bundles


def load_catalog(services_dir: str | Path, bundles_dir: str | Path | None = None
                 ) -> tuple[Catalog, list[Problem]]:
    """Load and validate a catalog; returns the valid part and every problem found (never raises)."""
    services = Path(services_dir)
    problems: list[Problem] = []
    if not services.is_dir():
        problems.append(Problem(str(services), "", "not a folder"))
        return Catalog({}, {}, []), problems
    libs = load_libraries(services, problems)
    items = load_items(services, libs, problems)
    bundles: dict[str, Bundle] = {}
    if bundles_dir is not None:
        if Path(bundles_dir).is_dir():
            bundles = load_bundles(Path(bundles_dir), items, problems)
        else:
            problems.append(Problem(str(bundles_dir), "", "not a folder"))
    return Catalog(items, bundles, list(libs.departments.values())), problems
