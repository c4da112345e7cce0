"""Districts (市辖区) in the gazetteer: a district named alone gets its city and province.

Reports of districts are the most numerous after counties' ("海淀区人民政府…", "鹤城区教育局…"),
and before the districts were listed none of them got a province. A district name two cities
share (朝阳区: 北京 and 长春; 鼓楼区: 南京, 徐州, 福州, 开封) is never resolved by the name alone;
named with its city (长春市朝阳区) the city, read first, decides. A 直辖市's prefix before its
own district (上海市浦东新区) is the same body as the district named alone, for linking.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from nlp_reports.corpus.summarize import add_place_levels, place_levels
from nlp_reports.parse import places
from nlp_reports.parse.metadata import agency_key, level_of, tier_of


@pytest.mark.parametrize("region, expected", [
    ("海淀区", ("北京市", None)),
    ("浦东新区", ("上海市", None)),
    ("南岸区", ("重庆市", None)),
    ("鹤城区", ("湖南省", "怀化市")),
    ("沙依巴克区", ("新疆维吾尔自治区", "乌鲁木齐市")),
    ("梅里斯达斡尔族区", ("黑龙江省", "齐齐哈尔市")),
    ("鄠邑区", ("陕西省", "西安市")),
    ("曹妃甸区", ("河北省", "唐山市")),
    ("钱塘区", ("浙江省", "杭州市")),
    ("浦东新区周家渡街道", ("上海市", None)),
    ("鹤城区城南街道", ("湖南省", "怀化市")),
])
def test_a_district_named_alone_gets_its_city(region, expected):
    assert place_levels(region) == expected


@pytest.mark.parametrize("region", [
    "朝阳区", "和平区", "鼓楼区", "新华区", "城关区", "河东区", "西湖区", "铁西区", "市中区",
    "城区", "郊区", "通州区", "普陀区", "江北区", "长安区", "白云区", "南山区", "龙华区",
    "滨海新区",  # 天津's district, and zones named so run by a 管委会 (福州滨海新区)
])
def test_a_district_name_two_cities_share_is_never_resolved(region):
    assert places.lookup(region) is None
    assert place_levels(region) == (None, None)


@pytest.mark.parametrize("region, expected", [
    ("沈阳市和平区", ("辽宁省", "沈阳市")),
    ("天津市和平区", ("天津市", None)),
    ("长春市朝阳区", ("吉林省", "长春市")),
    ("北京市朝阳区", ("北京市", None)),
    ("福州市鼓楼区", ("福建省", "福州市")),
    ("开封市鼓楼区", ("河南省", "开封市")),
    ("兰州市城关区", ("甘肃省", "兰州市")),
    ("临沂市河东区", ("山东省", "临沂市")),
    ("江苏省南京市鼓楼区", ("江苏省", "南京市")),
    ("广东省海淀区", ("广东省", None)),  # the name's own province wins: nothing added
    ("云岭市东城区", (None, "云岭市")),  # fictional
])
def test_a_district_named_with_its_city_is_read_by_the_pair(region, expected):
    assert place_levels(region) == expected


@pytest.mark.parametrize("region", ["东区街道", "西区街道", "东区", "矿区"])
def test_a_two_character_district_name_is_never_resolved_alone(region):
    """东区 and 西区 are 攀枝花市's districts, but also street offices' names (中山市东区街道,
    often written without 中山市) and many a zone's parts; 矿区 is 阳泉市's, was 大同市's
    until 2018, and names any mining area."""
    assert place_levels(region) == (None, None)


def test_a_district_and_its_departments_are_county_level():
    assert level_of("海淀区人民政府") == "county"
    assert level_of("鹤城区人民政府") == "county"
    assert tier_of("department", "海淀区", "海淀区教育委员会") == "county"
    assert tier_of("department", "鹤城区", "鹤城区市场监督管理局") == "county"


@pytest.mark.parametrize("a, b", [
    ("上海市浦东新区人民政府", "浦东新区人民政府"),
    ("上海市浦东新区教育局", "浦东新区教育局"),
    ("北京市海淀区人民政府办公室", "海淀区人民政府办公室"),
    ("重庆市万州区人民政府", "万州区人民政府"),
    ("湖南省怀化市鹤城区人民政府", "怀化市鹤城区人民政府"),
])
def test_link_key_drops_a_municipality_before_its_own_district(a, b):
    assert agency_key(a) == agency_key(b)


@pytest.mark.parametrize("a, b", [
    ("北京市朝阳区人民政府", "朝阳区人民政府"),  # 长春's 朝阳区 would take the same key
    ("重庆市江北区人民政府", "江北区人民政府"),  # 宁波 has a 江北区
    ("天津市滨海新区财政局", "滨海新区财政局"),  # a zone's 管委会 may bear the name too
    ("上海市教育委员会", "教育委员会"),  # the municipality's own body
    ("上海市海淀区人民政府", "海淀区人民政府"),  # not that municipality's district
])
def test_link_key_keeps_a_municipality_it_cannot_confirm(a, b):
    assert agency_key(a) != agency_key(b)


def test_districts_are_listed_whole():
    table = places._table()
    districts = [p for p in table.values() if p is not None and p.kind == "district"]
    by_province = Counter(p.province for p in districts)
    # the 直辖市' districts, but for the names another city's district shares (朝阳区, 通州区,
    # 和平区, 河东区, 普陀区, 宝山区, 江北区: listed as ambiguous)
    assert by_province["北京市"] == 16 - 2
    assert by_province["上海市"] == 16 - 2
    assert by_province["天津市"] == 16 - 3  # and 滨海新区
    assert by_province["重庆市"] == 26 - 1
    assert len(districts) > 900
    for p in districts:
        if p.province.endswith("市") and p.province in ("北京市", "上海市", "天津市", "重庆市"):
            assert p.prefecture is None, p
            continue
        parent = table[p.prefecture]
        assert parent is not None and parent.kind == "prefecture", p
        assert parent.province == p.province, p
    ambiguous = [n for n, p in table.items() if p is None and n.endswith("区")]
    assert {"朝阳区", "和平区", "鼓楼区", "新华区", "城关区", "铁西区"} <= set(ambiguous)


def test_the_summary_columns_read_districts():
    frame = pd.DataFrame({"region": ["海淀区", "朝阳区", "长春市朝阳区", "鹤城区"],
                          "agency": ["海淀区教育委员会", "朝阳区民政局", "长春市朝阳区民政局",
                                     "鹤城区人民政府"]})
    add_place_levels(frame)
    assert [p if isinstance(p, str) else None for p in frame["province"]] == [
        "北京市", None, "吉林省", "湖南省"]
    assert [p if isinstance(p, str) else None for p in frame["prefecture"]] == [
        None, None, "长春市", "怀化市"]


def test_a_region_held_as_nan_falls_back_to_the_agency():
    """A store frame may hold a missing region as NaN, not None: the agency's name is read."""
    frame = pd.DataFrame({"region": [float("nan"), None, ""],
                          "agency": ["海淀区教育委员会", "海淀区民政局", "鹤城区人民政府"]})
    add_place_levels(frame)
    assert frame["province"].tolist() == ["北京市", "北京市", "湖南省"]


@pytest.mark.parametrize("agency", [
    "江南区域合作办公室",  # 江南 + 区域 (a region), not 南宁市's 江南区
    "城东区域管理委员会",  # not 西宁市's 城东区
    "东湖区域发展服务中心",  # not 南昌市's 东湖区
    "南湖区域开发建设管理委员会",  # not 嘉兴市's 南湖区
    "河南县域经济研究中心",  # 河南 + 县域, not 黄南州's 河南县 (河南蒙古族自治县)
    "河南县级融媒体中心建设办公室",
])
def test_a_listed_name_that_is_the_stem_of_a_word_is_not_that_place(agency):
    """区域, 县域, 区级, 县级 are words: a name read with no region, from its agency's
    name, is not the district or county whose name ends where the word begins."""
    frame = pd.DataFrame({"region": [None], "agency": [agency]})
    add_place_levels(frame)
    assert frame["province"].tolist() == [None]
    assert frame["prefecture"].tolist() == [None]


@pytest.mark.parametrize("agency, expected", [
    ("江南区人民政府", ("广西壮族自治区", "南宁市")),
    ("城东区教育局", ("青海省", "西宁市")),
    ("河南县人民政府", ("青海省", "黄南藏族自治州")),
])
def test_the_same_names_followed_by_their_own_bodies_are_read(agency, expected):
    frame = pd.DataFrame({"region": [None], "agency": [agency]})
    add_place_levels(frame)
    assert (frame["province"].iat[0], frame["prefecture"].iat[0]) == expected
