"""The gazetteer (data/places.tsv) fills the province, prefecture and level a name leaves unsaid.

Most cities and counties title their report with their own name alone ("昆山市人民政府…",
"石家庄市人民政府…"), so a province read only from the name was empty for most real reports
(170 of 384 heads of an outside check), a 县级市 named alone was taken for a prefecture-level
city (level ``city``), and 河北省石家庄市人民政府 / 石家庄市人民政府 were two agencies. A
prefecture's, a 县级市's or a county's province is a fact of the administrative divisions, not
a guess; a name the report states still wins, a district (区) whose name two cities share, a
town or a street is not resolved, and a fictional place stays unknown (districts and former
names: tests/test_region_districts.py, tests/test_region_former_names.py).
"""

from __future__ import annotations

from collections import Counter

import pytest

from nlp_reports.corpus.summarize import place_levels
from nlp_reports.parse import places
from nlp_reports.parse.load import load_reports
from nlp_reports.parse.metadata import agency_key, level_of, region_of, tier_of


@pytest.mark.parametrize("region, expected", [
    ("石家庄市", ("河北省", "石家庄市")),
    ("石家庄市长安区", ("河北省", "石家庄市")),
    ("吉林市船营区", ("吉林省", "吉林市")),  # the city, not the province
    ("延边朝鲜族自治州", ("吉林省", "延边朝鲜族自治州")),
    # the short form the name states is the prefecture's full name, as its places give it
    ("黔南州都匀市", ("贵州省", "黔南布依族苗族自治州")),
    ("贵州省黔南州", ("贵州省", "黔南布依族苗族自治州")),
    ("都匀市", ("贵州省", "黔南布依族苗族自治州")),
    ("延边州", ("吉林省", "延边朝鲜族自治州")),
    ("海南藏族自治州", ("青海省", "海南藏族自治州")),  # not 海南省
    ("海南州", ("青海省", "海南藏族自治州")),
    ("锡林郭勒盟", ("内蒙古自治区", "锡林郭勒盟")),
    ("和田地区", ("新疆维吾尔自治区", "和田地区")),
    # a 县级市: its province and its prefecture, never itself a prefecture
    ("昆山市", ("江苏省", "苏州市")),
    ("江苏省昆山市周市镇", ("江苏省", "苏州市")),
    ("义乌市", ("浙江省", "金华市")),
    ("仙桃市", ("湖北省", None)),  # run by the province directly (省直管)
    ("石河子市", ("新疆维吾尔自治区", None)),
    # a county (县, 自治县, 旗, 特区, 林区): its province and prefecture
    ("鄂托克前旗", ("内蒙古自治区", "鄂尔多斯市")),
    ("科尔沁右翼中旗", ("内蒙古自治区", "兴安盟")),
    ("河南蒙古族自治县", ("青海省", "黄南藏族自治州")),  # in 青海, not 河南
    ("互助土族自治县", ("青海省", "海东市")),
    ("六枝特区", ("贵州省", "六盘水市")),
    ("神农架林区", ("湖北省", None)),
    ("城口县", ("重庆市", None)),
    ("沧县", ("河北省", "沧州市")),  # a one-character name
    ("云南省大理市喜洲镇", ("云南省", "大理白族自治州")),  # 大理市 is the 州's 县级市
    # a province stated in short form
    ("河北雄安新区", ("河北省", None)),
    ("重庆两江新区", ("重庆市", None)),
    ("新疆生产建设兵团第八师", ("新疆维吾尔自治区", None)),
    ("第八师石河子市", ("新疆维吾尔自治区", None)),  # a 师市, the 兵团 set aside by region_of
    # a central agency's office in a city, named by one city's stem (宁波 as 宁波保税区 is)
    ("国家金融监督管理总局宁波监管局", ("浙江省", "宁波市")),
    ("中国（上海）自由贸易试验区", ("上海市", None)),
    ("中国证券监督管理委员会浙江监管局", ("浙江省", None)),
    ("国家统计局湖北调查总队", ("湖北省", None)),
])
def test_gazetteer_fills_what_the_name_leaves(region, expected):
    assert place_levels(region) == expected


@pytest.mark.parametrize("region, expected", [
    # districts two cities share, streets and towns: nothing is resolved
    ("鼓楼区", (None, None)),
    ("朝阳区", (None, None)),
    ("城关镇", (None, None)),
    ("西湖区", (None, None)),
    ("长安区", (None, None)),
    ("北京路街道", (None, None)),
    ("湖南路街道", (None, None)),
    ("国家金融监督管理总局朝阳监管分局", (None, None)),  # 朝阳: a city, and a district of 北京
    ("吉林大学", (None, None)),
    # fictional places stay as the name states them
    ("云岭市东城区", (None, "云岭市")),
    ("青禾省云岭市", ("青禾省", "云岭市")),
    ("溪山县", (None, None)),
    # the name's own province wins, and nothing of the list is then added
    ("浙江省石家庄市", ("浙江省", "石家庄市")),
    ("北京市海淀区", ("北京市", None)),
])
def test_gazetteer_never_overrides_or_guesses(region, expected):
    assert place_levels(region) == expected


def test_an_ambiguous_name_is_never_resolved(monkeypatch):
    table = dict(places._table())
    table["宁川市"] = None  # as a name listed under two provinces reads
    monkeypatch.setattr(places, "_table", lambda: table)
    place_levels.cache_clear()
    try:
        assert places.lookup("宁川市") is None
        assert place_levels("宁川市") == (None, "宁川市")
    finally:
        place_levels.cache_clear()


@pytest.mark.parametrize("agency, level", [
    ("昆山市人民政府", "county"),
    ("江苏省昆山市人民政府", "county"),
    ("义乌市", "county"),  # a bare place, as in "关于义乌市2023年…"
    ("鹤山市人民政府", "county"),
    ("芒市人民政府", "county"),
    ("苏州市人民政府", "city"),
    ("吉林市人民政府", "city"),
    ("云岭市人民政府", "city"),  # fictional: unknown, a city as its name says
    ("浙江省昆山市人民政府", "city"),  # not the listed 昆山市, which is Jiangsu's
])
def test_county_level_city_named_alone_is_county(agency, level):
    assert level_of(agency) == level


def test_department_of_county_level_city_is_county_tier():
    assert tier_of("department", "义乌市", "义乌市市场监督管理局") == "county"
    assert tier_of("department", "金华市", "金华市市场监督管理局") == "city"


@pytest.mark.parametrize("a, b", [
    ("河北省石家庄市人民政府", "石家庄市人民政府"),
    ("江苏省昆山市周市镇人民政府", "昆山市周市镇人民政府"),
    ("内蒙古自治区锡林郭勒盟行政公署", "锡林郭勒盟行政公署"),
    ("湖南省宁乡市人民政府", "宁乡市 人民政府"),
    ("河北省石家庄市长安区人民政府", "石家庄市长安区人民政府"),
])
def test_link_key_drops_a_province_the_gazetteer_confirms(a, b):
    assert agency_key(a) == agency_key(b)


@pytest.mark.parametrize("a, b", [
    ("北京市朝阳区人民政府", "朝阳区人民政府"),  # 长春 has a 朝阳区 too
    ("青禾省云岭市人民政府", "云岭市人民政府"),  # fictional
    ("浙江省石家庄市人民政府", "石家庄市人民政府"),  # not that province's city
])
def test_link_key_keeps_a_province_it_cannot_confirm(a, b):
    assert agency_key(a) != agency_key(b)


def test_data_file_is_whole_and_consistent():
    table = places._table()
    rows = [p for p in table.values() if p is not None]
    kinds = Counter(p.kind for p in rows)
    assert kinds["county_city"] > 380
    assert 330 <= kinds["prefecture"] - 30 <= 340  # 30 short forms of 自治州 besides
    provinces = set(places.PROVINCES.values())
    for p in rows:
        assert p.province in provinces, p
        assert p.name.endswith(("市", "州", "地区", "盟", "县", "旗", "特区", "林区")) or (
            p.kind == "district" and p.name.endswith("区")) or (
            p.kind == "customs" and p.name.endswith("海关")), p
        if p.kind != "prefecture" and p.prefecture is not None:
            parent = table[p.prefecture]
            assert parent is not None and parent.kind == "prefecture", p
            assert parent.province == p.province, p
    assert kinds["county"] > 1400
    # every name ending 区 is a district, an ambiguous one, or 地区, 六枝特区, 神农架林区
    assert not [n for n, p in table.items() if n.endswith("区") and p is not None
                and p.kind != "district" and not n.endswith(("地区", "特区", "林区"))]


def test_link_key_drops_a_province_before_a_county():
    assert agency_key("内蒙古自治区鄂托克前旗人民政府") == agency_key("鄂托克前旗人民政府")
    # a 直辖市's too, before its own county (城口县 is 重庆's alone)
    assert agency_key("重庆市城口县人民政府") == agency_key("城口县人民政府")


def test_report_named_by_its_county_level_city(tmp_path):
    head = ("昆山市人民政府2023年政府信息公开工作年度报告\n\n"
            "本报告依据《中华人民共和国政府信息公开条例》编制，数据统计期限为2023年1月1日至"
            "12月31日。\n\n一、总体情况\n\n全市围绕营商环境建设，把公开作为常态。\n\n"
            "二、主动公开政府信息情况\n\n（略）\n\n昆山市人民政府\n2024年1月22日\n")
    path = tmp_path / "昆山市2023年报.txt"
    path.write_text(head, encoding="utf-8")
    report = load_reports(path)[0]
    assert report.metadata.level == "county"
    assert place_levels(report.metadata.region) == ("江苏省", "苏州市")


def test_county_become_a_listed_city_is_still_hinted_as_renamed():
    """撤县设市: the new name's key drops its province (宁乡市 is listed), the old 县's
    cannot (no longer listed); the rename hint compares them as their keys read."""
    import pandas as pd

    from nlp_reports.corpus.summarize import rename_candidates

    frame = pd.DataFrame([("湖南省宁乡县人民政府", 2016), ("湖南省宁乡市人民政府", 2017),
                          ("江苏省海安县教育局", 2017), ("江苏省海安市教育局", 2019),
                          ("青禾省柳岸县人民政府", 2016), ("青禾省柳岸市人民政府", 2017)],
                         columns=["agency", "year"])
    assert [(o, n) for o, _, n, _ in rename_candidates(frame)] == [
        ("江苏省海安县教育局", "江苏省海安市教育局"),
        ("湖南省宁乡县人民政府", "湖南省宁乡市人民政府"),
        ("青禾省柳岸县人民政府", "青禾省柳岸市人民政府")]
    # another province's 县 is no rename of the listed city
    other = pd.DataFrame([("湖北省宁乡县人民政府", 2016), ("湖南省宁乡市人民政府", 2017)],
                         columns=["agency", "year"])
    assert rename_candidates(other) == []


@pytest.mark.parametrize("name, expected", [
    ("积石山保安族东乡族撒拉族自治县", ("甘肃省", "临夏回族自治州")),  # 15 characters
    ("双江拉祜族佤族布朗族傣族自治县", ("云南省", "临沧市")),
])
def test_the_longest_listed_names_are_found(name, expected):
    assert place_levels(name) == expected
    assert agency_key(f"{expected[0]}{name}人民政府") == agency_key(f"{name}人民政府")


@pytest.mark.parametrize("agency, region, levels", [
    ("孟连傣族拉祜族佤族自治县人民政府", "孟连傣族拉祜族佤族自治县", ("云南省", "普洱市")),
    ("镇沅彝族哈尼族拉祜族自治县教育局", "镇沅彝族哈尼族拉祜族自治县", ("云南省", "普洱市")),
    ("积石山保安族东乡族撒拉族自治县人民政府", "积石山保安族东乡族撒拉族自治县",
     ("甘肃省", "临夏回族自治州")),
    ("普洱市孟连傣族拉祜族佤族自治县勐马镇人民政府", "普洱市孟连傣族拉祜族佤族自治县勐马镇",
     ("云南省", "普洱市")),
])
def test_an_autonomous_county_of_several_peoples_has_its_region(agency, region, levels):
    """An 自治县 naming three or four peoples runs to 9–12 characters before 自治县."""
    assert region_of(agency) == region
    assert place_levels(region) == levels
