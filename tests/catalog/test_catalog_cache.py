"""The start-up cache: same catalog as a full load, refreshed when a file changes, never fatal."""
from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.catalog import load_catalog
from kiosk.catalog.cache import load_catalog_cached

ROOT = Path(__file__).resolve().parents[2]


def copy_catalog(tmp_path: Path) -> tuple[Path, Path]:
    services, bundles = tmp_path / "services", tmp_path / "bundles"
    shutil.copytree(ROOT / "config" / "services", services)
    shutil.copytree(ROOT / "config" / "bundles", bundles)
    return services, bundles


def test_cached_catalog_equals_a_full_load(tmp_path):
    services, bundles = copy_catalog(tmp_path)
    full, problems = load_catalog(services, bundles)
    first, _ = load_catalog_cached(services, bundles, tmp_path / "cache")
    second, p2 = load_catalog_cached(services, bundles, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("catalog-*.pickle"))) == 1
    assert second.items == full.items and list(second.bundles) == list(full.bundles)
    assert p2 == problems
    assert [r.entry.code for r in second.search("shebao")] == \
        [r.entry.code for r in full.search("shebao")]


def test_a_changed_file_is_reloaded(tmp_path):
    services, bundles = copy_catalog(tmp_path)
    load_catalog_cached(services, bundles, tmp_path / "cache")
    target = services / "HRSS-001.toml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("社会保险参保缴费证明打印", "社会保险参保缴费证明打印（新）", 1),
                      encoding="utf-8")
    catalog, _ = load_catalog_cached(services, bundles, tmp_path / "cache")
    assert catalog.get("HRSS-001").name.zh.endswith("（新）")
    target.write_text("code = [broken", encoding="utf-8")
    catalog, problems = load_catalog_cached(services, bundles, tmp_path / "cache")
    assert catalog.get("HRSS-001") is None and any("HRSS-001" in p.file for p in problems)


def test_a_damaged_cache_falls_back_to_the_files(tmp_path):
    services, bundles = copy_catalog(tmp_path)
    load_catalog_cached(services, bundles, tmp_path / "cache")
    cache_file = next((tmp_path / "cache").glob("catalog-*.pickle"))
    cache_file.write_bytes(b"not a pickle")
    catalog, _ = load_catalog_cached(services, bundles, tmp_path / "cache")
    assert catalog.get("HRSS-001") is not None
    assert cache_file.read_bytes() != b"not a pickle"  # rewritten


def test_every_sample_image_the_catalog_names_exists():
    catalog, _ = load_catalog(ROOT / "config" / "services", ROOT / "config" / "bundles")
    paths = {m.sample for i in catalog.items.values() for m in i.materials if m.sample}
    paths |= {i.result_sample for i in catalog.items.values() if i.result_sample}
    missing = sorted(p for p in paths if not (ROOT / p).is_file())
    assert paths and not missing, f"missing sample images: {missing}"
