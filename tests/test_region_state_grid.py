"""A State Grid company's place is the one after the brand 国网.

国网江苏省电力有限公司南通供电分公司 publishes a 信息公开 report as a public enterprise (供电企业
信息公开实施办法); its name was read as heading the place "国网江苏省", which became its
province: a province no one has, kept apart from 江苏省 in every summary by province. 国网
(State Grid's short name) heads no place; the province written after it is the company's.
"""

from __future__ import annotations

import pandas as pd
import pytest

from nlp_reports.corpus.summarize import add_place_levels
from nlp_reports.parse.metadata import region_of


def _levels(agency: str, region: str | None) -> tuple[str | None, str | None]:
    frame = pd.DataFrame({"region": [region], "agency": [agency], "year": [2022]})
    add_place_levels(frame)
    return frame["province"].iat[0], frame["prefecture"].iat[0]


@pytest.mark.parametrize("agency, region, expected", [
    ("国网江苏省电力有限公司南通供电分公司", "江苏省", ("江苏省", None)),
    ("国网浙江省电力有限公司", "浙江省", ("浙江省", None)),
    ("国网北京市电力公司", "北京市", ("北京市", None)),
    ("国网四川省电力公司绵阳供电公司", "四川省", ("四川省", None)),
    # a city office whose city ends in 州 (a unit character): the company's name before it
    # is no prefecture "电力有限公司杭州"
    ("国网浙江省电力有限公司杭州供电公司", "浙江省", ("浙江省", None)),
    ("国网甘肃省电力公司兰州供电公司", "甘肃省", ("甘肃省", None)),
    ("国网苏州市供电公司", "苏州市", ("江苏省", "苏州市")),
])
def test_a_state_grid_company_takes_the_province_after_the_brand(agency, region, expected):
    assert region_of(agency) == region
    assert _levels(agency, region_of(agency)) == expected


def test_a_province_of_its_own_is_still_read():
    assert region_of("青禾省云岭市人民政府") == "青禾省云岭市"
    assert region_of("国家电网有限公司") is None


@pytest.mark.parametrize("agency, expected", [
    # a city company named by its city's stem: the brand heads no place "国网苏州"
    ("国网苏州供电公司", ("江苏省", "苏州市")),
    ("国网杭州供电分公司", ("浙江省", "杭州市")),
    ("国网南京供电公司", ("江苏省", "南京市")),
])
def test_a_city_company_named_by_its_stem_gets_the_city(agency, expected):
    assert not (region_of(agency) or "").startswith("国网")
    assert _levels(agency, region_of(agency)) == expected


@pytest.mark.parametrize("agency", [
    "国网吉林供电公司",  # 吉林: a province's short form and a city
    "国网朝阳供电公司",  # 朝阳: a city in 辽宁 and a district in 北京
    "国网能源研究院",
    "国网苏州供电公司营销部",  # a name going on past the company
])
def test_no_city_is_guessed_for_a_grid_company(agency):
    assert _levels(agency, region_of(agency))[1] is None
    assert not (region_of(agency) or "").startswith("国网")
