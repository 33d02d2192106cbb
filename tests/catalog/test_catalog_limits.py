"""Hostile service-guide files: huge names, deep nesting, big files, binary junk; bounded memory."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.catalog import load_catalog
from kiosk.catalog.search import MAX_KEY_CHARS, SearchIndex

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "config" / "services"


@pytest.fixture
def services(tmp_path: Path) -> Path:
    """A writable copy of the shipped service guides."""
    dst = tmp_path / "services"
    shutil.copytree(SERVICES, dst)
    return dst


def _with_name(services: Path, name_zh: str) -> Path:
    text = (SERVICES / "HEALTH-001.toml").read_text(encoding="utf-8")
    text = text.replace('code = "HEALTH-001"', 'code = "HEALTH-901"').replace(
        'zh = "出生医学证明首次签发"', f'zh = "{name_zh}"', 1)
    path = services / "HEALTH-901.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems_for(problems: list, path: Path) -> list[str]:
    return [f"{p.path} {p.reason}" for p in problems if p.file == str(path)]


def test_a_20000_character_name_is_a_problem_not_a_memory_bomb(services: Path) -> None:
    path = _with_name(services, "办" * 20_000)
    catalog, problems = load_catalog(services)
    assert any("name.zh" in p and "at most 120" in p for p in _problems_for(problems, path))
    assert "HEALTH-901" not in catalog.items and "HEALTH-001" in catalog.items


def test_a_150000_character_text_is_refused_at_read(services: Path) -> None:
    path = _with_name(services, "办" * 150_000)
    catalog, problems = load_catalog(services)
    assert any("characters" in p for p in _problems_for(problems, path))
    assert len(catalog.items) == len(list(SERVICES.glob("[!_]*.toml")))


def test_deeply_nested_service_file_is_a_problem(services: Path) -> None:
    path = services / "DEEP-001.toml"
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    _, problems = load_catalog(services)
    assert any("deep" in p for p in _problems_for(problems, path))


@pytest.mark.parametrize("payload", [b"\x00\xff" * 1000, "名 = 1\n".encode("gb18030"), b"\xef\xbb\xbf"])
def test_binary_or_foreign_encoding_is_a_problem(services: Path, payload: bytes) -> None:
    path = services / "JUNK-001.toml"
    path.write_bytes(payload)
    _, problems = load_catalog(services)
    assert _problems_for(problems, path)


def test_oversized_file_is_refused_before_parsing(services: Path) -> None:
    path = services / "BIG-001.toml"
    path.write_text("# " + "x" * 600_000 + "\n", encoding="utf-8")
    _, problems = load_catalog(services)
    assert any("larger than" in p for p in _problems_for(problems, path))


def test_index_keys_are_bounded_whatever_the_name_length() -> None:
    catalog, _ = load_catalog(SERVICES)
    item = next(iter(catalog.items.values()))
    long_item = type(item)(**{**item.__dict__, "name": type(item.name)("办" * 5_000, "a" * 5_000)})
    index = SearchIndex([long_item], synonyms=[])
    assert max(len(k) for k in index.keys) <= MAX_KEY_CHARS
    assert len(index.keys) < 1_000
    assert index.search("办办办") and index.search("a" * 500)


def test_lint_of_a_hostile_catalog_stays_under_1_gb(services: Path) -> None:
    """The real CLI on a folder of hostile files: a clear report, peak memory well under 1 GB."""
    _with_name(services, "办理" * 9_000)
    (services / "DEEP-001.toml").write_text("x = " + "{a=" * 3_000 + "1" + "}" * 3_000 + "\n")
    script = ("import resource, subprocess, sys\n"
              "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
              "sys.stdout.write(p.stdout.decode())\n"
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", script, sys.executable, "-m", "kiosk.diag.cli",
                          "catalog", "lint", str(services)], capture_output=True, text=True,
                         cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    *report, peak_kb = out.stdout.strip().splitlines()
    assert int(peak_kb) < 1024 * 1024, f"lint peaked at {int(peak_kb) // 1024} MB"
    text = "\n".join(report)
    assert "Traceback" not in out.stderr + text
    assert "HEALTH-901" in text and "DEEP-001" in text
