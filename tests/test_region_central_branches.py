"""The place of a vertically managed agency's city branch.

A city branch of a central regulator is named by the city's stem after the agency's name
(国家金融监督管理总局绵阳监管分局, 国家统计局苏州调查队, 中国证券监督管理委员会宁波监管局): no
gazetteer name was found in it, so it had no province, while its provincial office
(…四川监管局) had one. The stem counts only when it is one prefecture-level city's and no
other place's (a province's short form keeps its province). A wrong province is worse than
none.
"""

from __future__ import annotations

import pandas as pd
import pytest

from nlp_reports.corpus.summarize import add_place_levels
from nlp_reports.parse.metadata import region_of


def _levels(agency: str, region: str | None = None) -> tuple[str | None, str | None]:
    frame = pd.DataFrame({"region": [region], "agency": [agency], "year": [2024]})
    add_place_levels(frame)
    return frame["province"].iat[0], frame["prefecture"].iat[0]


@pytest.mark.parametrize("agency, expected", [
    ("国家金融监督管理总局绵阳监管分局", ("四川省", "绵阳市")),
    ("国家金融监督管理总局宁波监管局", ("浙江省", "宁波市")),
    ("中国银行保险监督管理委员会赣州监管分局", ("江西省", "赣州市")),
    ("国家统计局苏州调查队", ("江苏省", "苏州市")),
    ("中国证券监督管理委员会厦门监管局", ("福建省", "厦门市")),
])
def test_a_city_branch_named_by_its_stem_gets_the_city(agency, expected):
    assert _levels(agency) == expected
    assert _levels(agency, region_of(agency)) == expected  # 赣州, 苏州 read as its region


@pytest.mark.parametrize("agency, expected", [
    ("国家金融监督管理总局四川监管局", ("四川省", None)),
    ("国家金融监督管理总局吉林监管局", ("吉林省", None)),  # 吉林: the province's short form
    ("国家统计局浙江调查总队", ("浙江省", None)),
])
def test_a_provincial_office_keeps_its_province(agency, expected):
    assert _levels(agency) == expected


@pytest.mark.parametrize("agency", [
    "国家金融监督管理总局云岭监管分局",  # no such city
    "国家金融监督管理总局朝阳监管分局",  # 朝阳: a city in 辽宁 and a district in 北京
    "国家金融监督管理总局绵阳监管分局办公室",  # a name going on past the branch
    "绵阳监管分局",  # no central agency before the stem
])
def test_no_city_is_guessed(agency):
    assert _levels(agency)[0] is None
