"""Search: a table of queries typed on the touch keyboard must put the expected entry first."""
from __future__ import annotations

import pytest

from kiosk.catalog.search import SearchIndex

# (query, expected item code or bundle id first) — Chinese, pinyin, initials, English, typos
QUERIES = [
    ("社保缴费", "HRSS-001"), ("sbjf", "HRSS-001"), ("shebao", "HRSS-001"),
    ("shebaojiaofei", "HRSS-001"), ("社会保险缴费", "HRSS-001"), ("社保卡", "HRSS-005"),
    ("sbk", "HRSS-005"), ("shebaoka", "HRSS-005"), ("gjjtq", "HPF-001"), ("租房提取", "HPF-001"),
    ("居住证", "PSB-001"), ("juzhuzheng", "PSB-001"), ("jzz", "PSB-001"),
    ("residence permit", "PSB-001"), ("失业金", "HRSS-004"), ("shiyejin", "HRSS-004"),
    ("unemployment benefit", "HRSS-004"), ("良民证", "PSB-003"), ("wufanzui", "PSB-003"),
    ("police clearance", "PSB-003"), ("个体户", "AMR-001"), ("getihu", "AMR-001"),
    ("刻章", "PSB-004"), ("kezhang", "PSB-004"), ("fapiao", "TAX-001"), ("invoice", "TAX-001"),
    ("异地就医", "MED-003"), ("yidijiuyi", "MED-003"), ("医保转移", "MED-002"),
    ("残疾人证", "DPF-001"), ("护理补贴", "CIVIL-003"), ("jiehun", "CIVIL-001"),
    ("marriage", "CIVIL-001"), ("出生证", "HEALTH-001"), ("新生儿", "newborn"),
    ("newborn", "newborn"), ("tuixiu", "retirement"), ("企业开办", "business_opening"),
    ("zhucegongsi", "AMR-002"), ("灵活就业", "HRSS-002"), ("HRSS-004", "HRSS-004"),
    # one typo: transposed, missing, extra or wrong letter; a homophone character
    ("sehbao", "HRSS-001"), ("gongjjin", "HPF-001"), ("residense", "PSB-001"),
    ("invoce", "TAX-001"), ("unemploymnet", "unemployment"), ("pensoin", "HRSS-006"),
    ("社保交费", "HRSS-001"), ("居主证", "PSB-001"), ("kezzhang", "PSB-004"),
]


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_expected_entry_is_first(shipped, query, expected):
    catalog, _ = shipped
    results = catalog.search(query, "zh")
    assert results, f"nothing found for {query!r}"
    assert results[0].key == expected, [(r.key, r.score, r.how) for r in results[:3]]


def test_table_is_large_and_varied():
    assert len(QUERIES) >= 30
    assert sum(q.isascii() for q, _ in QUERIES) >= 15
    assert sum(not q.isascii() for q, _ in QUERIES) >= 10


def test_exact_beats_typo_and_results_are_ranked(shipped):
    catalog, _ = shipped
    results = catalog.search("shebao", "en", limit=5)
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    assert results[0].how == "match"
    assert catalog.search("sehbao", "zh")[0].how == "typo"


def test_limit_empty_and_nonsense(shipped):
    catalog, _ = shipped
    assert len(catalog.search("s", "zh", limit=3)) == 3
    assert catalog.search("  ", "zh") == []
    assert catalog.search("xqzxqzxqz", "zh") == []


def test_bundles_are_searchable(shipped):
    catalog, _ = shipped
    hit = catalog.search("出生一件事", "zh")[0]
    assert hit.kind == "bundle" and hit.entry is catalog.get_bundle("newborn")


def test_synonyms_come_from_the_data_file(shipped):
    catalog, _ = shipped
    items = list(catalog.items.values())
    without = SearchIndex(items, synonyms=[])
    with_groups = SearchIndex(items, synonyms=[("良民证", "无犯罪记录证明")])
    assert without.search("良民证") == []
    assert with_groups.search("良民证")[0].key == "PSB-003"
