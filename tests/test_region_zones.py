"""Development zones named by a city's stem get that city's province and the city.

A zone's 管委会 publishes under the city's stem without its unit word (苏州工业园区, 合肥高新区,
郑州航空港经济综合实验区), so no gazetteer name found it and it had no province. The stem
counts only when it is one prefecture-level city's and no other place's, and only when a zone
word follows it right away; a national new area named without a city gets its province only
when that is certain. A wrong province is worse than none.
"""

from __future__ import annotations

import pandas as pd
import pytest

from nlp_reports.corpus.summarize import add_place_levels, place_levels
from nlp_reports.parse import places


@pytest.mark.parametrize("agency, expected", [
    ("苏州工业园区管理委员会", ("江苏省", "苏州市")),
    ("苏州工业园区", ("江苏省", "苏州市")),
    ("合肥高新技术产业开发区管理委员会", ("安徽省", "合肥市")),
    ("合肥高新区党工委党政办公室", ("安徽省", "合肥市")),
    ("郑州航空港经济综合实验区管理委员会", ("河南省", "郑州市")),
    ("兰州新区管委会", ("甘肃省", "兰州市")),
    ("长春新区管理委员会", ("吉林省", "长春市")),
    ("宁波保税区管理委员会", ("浙江省", "宁波市")),
    ("芜湖经济技术开发区管理委员会", ("安徽省", "芜湖市")),
    ("贵安新区管理委员会", ("贵州省", None)),
    ("贵州贵安新区党工委", ("贵州省", None)),
    ("两江新区管委会", ("重庆市", None)),
])
def test_a_zone_named_by_a_city_stem_gets_the_city(agency, expected):
    assert places.zone_city(agency) == expected
    frame = pd.DataFrame({"region": [None], "agency": [agency], "year": [2023]})
    add_place_levels(frame)
    assert (frame["province"].iat[0], frame["prefecture"].iat[0]) == expected


def test_the_stem_read_as_region_does_not_hide_the_zone():
    """郑州航空港…'s region reads as 郑州 (its 州 taken for a unit); the agency decides."""
    frame = pd.DataFrame({"region": ["郑州", "苏州工业园区"],
                          "agency": ["郑州航空港经济综合实验区管理委员会", "苏州工业园区管理委员会"],
                          "year": [2022, 2021]})
    add_place_levels(frame)
    assert frame["province"].tolist() == ["河南省", "江苏省"]
    assert frame["prefecture"].tolist() == ["郑州市", "苏州市"]


@pytest.mark.parametrize("name", [
    "吉林高新区管委会",  # 吉林省 or 吉林市: either
    "吉林经济技术开发区",
    "海南保税港区",  # a province's name, no city
    "朝阳高新区",  # 辽宁's 朝阳市, and 北京's and 长春's 朝阳区
    "大同经济技术开发区",  # 山西's 大同市, and 大庆's 大同区
    "中山火炬高技术产业开发区",  # 中山市, and 大连's 中山区; no zone word right after either
    "西安高新区",  # 西安区 is a district of 辽源 and of 牡丹江
    "滨海新区",  # 天津's, and a zone of 福州's: ambiguous
    "苏州河综合整治办公室",  # the stem in a longer word
    "苏州大学",
    "新苏州工业园区",  # the stem not heading the name
    "苏州市工业园区",  # not a zone word right after a stem: read as 苏州市 elsewhere
    "云南贵安新区",  # a province the new area is not in
    "江北新区管理委员会",  # 南京's, but a name other cities' zones use too
])
def test_an_unsure_stem_gives_no_zone(name):
    assert places.zone_city(name) is None


@pytest.mark.parametrize("name", [
    "吉林高新区管委会", "朝阳高新区", "西安高新区", "滨海新区", "苏州河综合整治办公室",
    "云南贵安新区",
])
def test_an_unsure_stem_gets_no_province(name):
    frame = pd.DataFrame({"region": [None], "agency": [name], "year": [2023]})
    add_place_levels(frame)
    assert frame["province"].iat[0] is None
    assert frame["prefecture"].iat[0] is None


def test_a_stated_province_other_than_the_citys_wins():
    """The name wins: a province stated before the stem that is not the city's adds nothing."""
    assert place_levels("浙江省苏州工业园区") == ("浙江省", None)
    assert place_levels("江苏省苏州工业园区") == ("江苏省", "苏州市")


def test_a_listed_district_named_with_new_area_stays_the_gazetteers():
    assert place_levels("浦东新区") == ("上海市", None)
    assert place_levels("沈北新区") == ("辽宁省", "沈阳市")


def test_every_zone_stem_is_one_city_and_no_province():
    stems = places._zone_stems()
    assert "苏州" in stems and "合肥" in stems and "郑州" in stems
    for stem, city in stems.items():
        assert stem not in places.PROVINCES
        assert city.kind == "prefecture" and city.name == stem + "市"
        county = places.lookup(stem + "县")  # a county of the same stem lies in that city
        assert county is None or county.prefecture == city.name, stem
