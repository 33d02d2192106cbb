"""The start-up cache: same catalog as a full load, refreshed when a file changes, never fatal,
never executable, and not believed when edited."""
from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

from kiosk.catalog import load_catalog
from kiosk.catalog.cache import load_catalog_cached, read_cache

ROOT = Path(__file__).resolve().parents[2]


KEY = b"k" * 32


def copy_catalog(tmp_path: Path) -> tuple[Path, Path]:
    services, bundles = tmp_path / "services", tmp_path / "bundles"
    shutil.copytree(ROOT / "config" / "services", services)
    shutil.copytree(ROOT / "config" / "bundles", bundles)
    return services, bundles


def test_cached_catalog_equals_a_full_load(tmp_path):
    services, bundles = copy_catalog(tmp_path)
    full, problems = load_catalog(services, bundles)
    first, _ = load_catalog_cached(services, bundles, tmp_path / "cache", key=KEY)
    cache_file, = (tmp_path / "cache").glob("catalog-*.json")
    second, p2 = read_cache(cache_file, KEY)  # the warm start really comes from the file
    assert second.items == full.items and second.bundles == full.bundles
    assert second.departments == full.departments and p2 == problems
    bundle = next(iter(second.bundles.values()))
    assert bundle.items and all(item is second.items[item.code] for item in bundle.items)
    for query in ("shebao", "sbjf", "医保", "yibao", "residence", "shebaojiaofie", "一件事"):
        assert [(r.key, r.score, r.how) for r in second.search(query)] == \
            [(r.key, r.score, r.how) for r in full.search(query)], query


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
    cache_file = next((tmp_path / "cache").glob("catalog-*.json"))
    cache_file.write_bytes(b"not a cache")
    catalog, _ = load_catalog_cached(services, bundles, tmp_path / "cache")
    assert catalog.get("HRSS-001") is not None
    assert cache_file.read_bytes() != b"not a cache"  # rewritten


def _tamper(cache_file: Path, old: str, new: str) -> None:
    header, body = cache_file.read_bytes().split(b"\n", 1)
    text = body.decode("utf-8")
    assert old in text
    cache_file.write_bytes(header + b"\n" + text.replace(old, new).encode("utf-8"))


def test_an_edited_cache_is_ignored_and_rebuilt(tmp_path, caplog):
    services, bundles = copy_catalog(tmp_path)
    load_catalog_cached(services, bundles, tmp_path / "cache", key=KEY)
    cache_file = next((tmp_path / "cache").glob("catalog-*.json"))
    good = cache_file.read_bytes()
    _tamper(cache_file, "https://", "https://evil.example/")  # a phishing guide link
    catalog, _ = load_catalog_cached(services, bundles, tmp_path / "cache", key=KEY)
    assert "evil.example" not in catalog.get("HRSS-001").online_url
    assert "signature" in caplog.text
    assert cache_file.read_bytes() == good  # rebuilt: the same bytes a clean start writes


def test_a_cache_signed_by_another_installation_is_rebuilt(tmp_path):
    services, bundles = copy_catalog(tmp_path)
    load_catalog_cached(services, bundles, tmp_path / "cache", key=b"other" * 8)
    cache_file = next((tmp_path / "cache").glob("catalog-*.json"))
    try:
        read_cache(cache_file, KEY)
        raise AssertionError("a cache signed with another key was accepted")
    except ValueError as exc:
        assert "signature" in str(exc)
    load_catalog_cached(services, bundles, tmp_path / "cache", key=KEY)
    assert read_cache(cache_file, KEY)[0].get("HRSS-001") is not None


def test_a_cache_naming_a_foreign_type_is_refused_even_when_signed(tmp_path):
    """Even a correctly signed file cannot name a class outside the catalog's own."""
    from kiosk.catalog import cache as cache_mod
    services, bundles = copy_catalog(tmp_path)
    load_catalog_cached(services, bundles, tmp_path / "cache", key=KEY)
    cache_file = next((tmp_path / "cache").glob("catalog-*.json"))
    body = cache_file.read_bytes().split(b"\n", 1)[1]
    data = json.loads(body)
    data["items"][0]["fee"]["@"] = "os.system"
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    cache_file.write_bytes(cache_mod.FORMAT + b" " + cache_mod._tag(KEY, body) + b"\n" + body)
    try:
        read_cache(cache_file, KEY)
        raise AssertionError("an unknown type was rebuilt")
    except ValueError as exc:
        assert "os.system" in str(exc)


def test_nothing_in_kiosk_imports_an_object_deserializer():
    unsafe = {"pickle", "cPickle", "dill", "shelve", "marshal", "jsonpickle", "cloudpickle"}
    found = []
    for path in (ROOT / "kiosk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in unsafe]
    assert not found, found


def test_every_sample_image_the_catalog_names_exists():
    catalog, _ = load_catalog(ROOT / "config" / "services", ROOT / "config" / "bundles")
    paths = {m.sample for i in catalog.items.values() for m in i.materials if m.sample}
    paths |= {i.result_sample for i in catalog.items.values() if i.result_sample}
    missing = sorted(p for p in paths if not (ROOT / p).is_file())
    assert paths and not missing, f"missing sample images: {missing}"
