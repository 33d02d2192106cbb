"""Guide sections cover every element; the one-time notice lists exactly what to bring; browsing."""
from __future__ import annotations

import pytest

from kiosk.catalog import guide_sections, guide_url, notice_slip_lines

# what a resident needs first (materials, place, hours, fee, time), administrative fields last
ELEMENTS = ["materials", "place", "hours", "fee", "time_limits", "conditions", "eligibility",
            "process", "result", "modes", "channels", "services", "phones", "faq", "scope",
            "review_standard", "implementing_body", "name", "code", "type", "legal_basis", "version"]


def test_sections_cover_every_element_in_order(shipped):
    catalog, _ = shipped
    sections = guide_sections(catalog.get("PSB-001"), "zh")
    assert [key for key, _, _ in sections] == ELEMENTS
    by_key = {key: (title, lines) for key, title, lines in sections}
    assert by_key["legal_basis"][0] == "设定依据"
    assert any("《居住证暂行条例》" in line for line in by_key["legal_basis"][1])
    assert by_key["time_limits"][1] == ["法定办结时限：15个工作日", "承诺办结时限：7个工作日"]
    assert by_key["version"][1][0] == "指南版本 1.6，更新于 2024-03-25"
    assert any(line.startswith("□ 合法稳定住所证明") and "可告知承诺替代" in line
               for line in by_key["materials"][1])


def test_english_sections(shipped):
    catalog, _ = shipped
    sections = {key: lines for key, _, lines in guide_sections(catalog.get("HRSS-001"), "en")}
    assert sections["modes"] == ["Decided on the spot / Fully online", "Visits in person: 0"]
    assert sections["hours"][1] == "Self-service kiosk: 24 hours, every day"


def test_slip_separates_bring_fetched_and_commitment(shipped):
    catalog, _ = shipped
    lines = notice_slip_lines(catalog.get("PSB-002"), "zh")
    bring = lines.index("请携带以下材料：")
    fetched = lines.index("无需携带（系统调取电子证照）：")
    assert lines[bring + 1].startswith("1. 居民身份证") and fetched == bring + 2
    assert any("出生医学证明" in line for line in lines[fetched:fetched + 4])
    assert guide_url(catalog.get("PSB-002")) in lines[-2]
    assert lines[-1] == "【示例数据，非真实办事指南】"


def test_slip_marks_deferrable(shipped):
    catalog, _ = shipped
    lines = notice_slip_lines(catalog.get("HRSS-003"), "en")
    assert any(line.startswith("If missing, these can be supplied later:") and "contract ended" in line
               for line in lines)


@pytest.mark.parametrize("kind,key,member", [("life_event", "birth", "newborn"),
                                             ("theme", "business", "AMR-001"),
                                             ("department", "psb", "PSB-003")])
def test_browse_groups(shipped, kind, key, member):
    catalog, _ = shipped
    groups = {k: (label, entries) for k, label, entries in catalog.browse(kind, "zh")}
    keys = {getattr(e, "code", None) or e.id for e in groups[key][1]}
    assert member in keys and groups[key][0] and not groups[key][0].startswith("[")
    assert sum(len(entries) for _, entries in groups.values()) >= (27 if kind == "department" else 30)


def test_browse_rejects_unknown_kind(shipped):
    catalog, _ = shipped
    with pytest.raises(ValueError):
        catalog.browse("colour", "zh")
