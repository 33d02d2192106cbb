"""Loader and lint: the shipped catalog is clean; each broken fixture fails with file, field, reason."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from kiosk.catalog import load_catalog
from kiosk.catalog.guide import guide_sections
from kiosk.diag import cli
from tests.catalog.conftest import FIXTURES, SERVICES

BROKEN_ITEMS = sorted((FIXTURES / "broken").glob("*.toml"))
BROKEN_BUNDLES = sorted((FIXTURES / "broken" / "bundles").glob("*.toml"))


def _expectation(path):
    header = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# expect: (\S*) \| (.+)", header)
    assert match, f"{path.name} needs an '# expect: <path> | <reason>' header"
    return match.group(1), match.group(2)


def test_lint_passes_on_shipped_catalog(capsys):
    status = cli.main(["catalog", "lint", str(SERVICES)])
    report = json.loads(capsys.readouterr().out)
    assert report["problems"] == [] and report["ok"] is True and status == 0
    assert report["items"] >= 24 and report["bundles"] >= 4


def test_lint_fails_with_json_problems(tmp_path, capsys):
    shutil.copytree(SERVICES, tmp_path / "services")
    shutil.copy(FIXTURES / "broken" / "bad_trust_level.toml", tmp_path / "services")
    status = cli.main(["catalog", "lint", str(tmp_path / "services")])
    report = json.loads(capsys.readouterr().out)
    assert status == 1 and report["ok"] is False
    assert [(p["path"], p["file"].endswith("bad_trust_level.toml")) for p in report["problems"]] == [
        ("materials[2].trust_level", True)]


def test_shipped_content_is_sample_data_with_fictitious_phones(shipped):
    catalog, _ = shipped
    for item in catalog.items.values():
        assert item.sample_data, item.code
        for phone in (item.enquiry_phone, item.supervision_phone):
            assert phone == "12345" or phone.startswith("0000-"), (item.code, phone)
        assert len(item.materials) >= 1 and item.legal_basis and item.process
    assert all(b.sample_data for b in catalog.bundles.values())


def test_every_guide_renders_without_missing_strings(shipped):
    catalog, _ = shipped
    for item in catalog.items.values():
        for lang in ("zh", "en"):
            text = json.dumps(guide_sections(item, lang), ensure_ascii=False)
            assert "[catalog." not in text, (item.code, lang)


def test_valid_minimal_fixture_loads(scratch):
    services, bundles = scratch
    shutil.copy(FIXTURES / "valid_min.toml", services)
    catalog, problems = load_catalog(services, bundles)
    assert problems == []
    assert catalog.get("TEST-001").materials[2].id == "test_form"


@pytest.mark.parametrize("fixture", BROKEN_ITEMS, ids=lambda p: p.stem)
def test_broken_item_is_rejected_with_field_and_reason(fixture, scratch):
    services, bundles = scratch
    shutil.copy(fixture, services)
    catalog, problems = load_catalog(services, bundles)
    path, reason = _expectation(fixture)
    mine = [p for p in problems if p.file.endswith(fixture.name)]
    assert len(problems) == len(mine) >= 1, problems
    assert mine[0].path == path and reason in mine[0].reason, mine
    assert catalog.get("TEST-001") is None
    assert len(catalog.items) == 27  # the rest still loads


@pytest.mark.parametrize("fixture", BROKEN_BUNDLES, ids=lambda p: p.stem)
def test_broken_bundle_is_rejected_with_field_and_reason(fixture, scratch):
    services, bundles = scratch
    shutil.copy(fixture, bundles)
    catalog, problems = load_catalog(services, bundles)
    path, reason = _expectation(fixture)
    assert len(problems) == 1 and problems[0].file.endswith(fixture.name), problems
    assert problems[0].path == path and reason in problems[0].reason
    assert len(catalog.bundles) == 5 and catalog.get_bundle("newborn") is not None


def test_missing_library_is_reported_not_raised(scratch):
    services, bundles = scratch
    (services / "_fields.toml").unlink()
    catalog, problems = load_catalog(services, bundles)
    assert any(p.file.endswith("_fields.toml") and "missing" in p.reason for p in problems)
    assert any(p.path == "fields[0].ref" for p in problems)
