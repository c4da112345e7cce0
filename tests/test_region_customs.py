"""Customs districts (直属海关) get the province and city they sit in.

The 42 直属海关 of the 海关总署 publish their own annual reports under a city's stem without
its unit word (杭州海关, 黄埔海关, 拱北海关, 满洲里海关), so no place name of the gazetteer
finds them: they had no province. They are listed (kind ``customs``) and read only as an
agency's whole name, never as a stem inside another word, and their level stays a department's.
"""

from __future__ import annotations

import pandas as pd
import pytest

from nlp_reports.corpus.summarize import add_place_levels, place_levels
from nlp_reports.parse import places
from nlp_reports.parse.load import load_reports
from nlp_reports.parse.metadata import level_of


@pytest.mark.parametrize("agency, expected", [
    ("杭州海关", ("浙江省", "杭州市")),
    ("黄埔海关", ("广东省", "广州市")),
    ("拱北海关", ("广东省", "珠海市")),
    ("满洲里海关", ("内蒙古自治区", "呼伦贝尔市")),
    ("江门海关", ("广东省", "江门市")),
    ("湛江海关", ("广东省", "湛江市")),
    ("乌鲁木齐海关", ("新疆维吾尔自治区", "乌鲁木齐市")),
    ("上海海关", ("上海市", None)),
    ("重庆海关", ("重庆市", None)),
    ("中华人民共和国拱北海关", ("广东省", "珠海市")),
])
def test_a_customs_district_gets_its_province_and_city(agency, expected):
    frame = pd.DataFrame({"region": [None], "agency": [agency], "year": [2023]})
    add_place_levels(frame)
    assert (frame["province"].iat[0], frame["prefecture"].iat[0]) == expected


def test_the_city_stem_read_as_region_does_not_hide_the_customs_district():
    """杭州海关's region reads as 杭州 (its 州 taken for a unit); the agency decides."""
    frame = pd.DataFrame({"region": ["杭州", "福州"], "agency": ["杭州海关", "福州海关"],
                          "year": [2022, 2019]})
    add_place_levels(frame)
    assert frame["province"].tolist() == ["浙江省", "福建省"]
    assert frame["prefecture"].tolist() == ["杭州市", "福州市"]


@pytest.mark.parametrize("name", [
    "上海海关学院",  # a school, not the customs district
    "杭州海关驻义乌办事处",
    "义乌海关",  # a 隶属海关 under 杭州海关: not listed
    "吉林海关",  # 长春海关's, not listed; and 吉林省 is no customs district
    "三江海关",  # fictional
    "海关总署",
    "吉林省",
])
def test_only_a_whole_listed_name_is_a_customs_district(name):
    assert places.customs_district(name) is None
    assert place_levels(name) in {(None, None), ("吉林省", None)}


def test_the_list_holds_the_42_districts_one_province_each():
    text = places.resources.files("nlp_reports").joinpath("data/places.tsv").read_text("utf-8")
    rows = [(line.split("\t") + [""])[:4] for line in text.splitlines() if "\tcustoms\t" in line]
    assert len(rows) == 42
    assert len({r[0] for r in rows}) == 42
    assert len({r[2] for r in rows}) == 31  # every province-level division has one or more
    for name, _, province, prefecture in rows:
        place = places.customs_district(name)
        assert place is not None and place.province == province, name
        if prefecture:  # the city is a listed prefecture of that province
            city = places.lookup(prefecture)
            assert city is not None and city.province == province, name


def test_a_customs_report_keeps_a_departments_level_and_gets_its_province(tmp_path):
    path = tmp_path / "gongbei.txt"
    path.write_text(
        "拱北海关2023年政府信息公开工作年度报告\n"
        "本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2023年1月1日起至"
        "2023年12月31日止。\n"
        "一、总体情况\n"
        "2023年，拱北海关坚持以公开为常态、不公开为例外，围绕口岸通关、跨境电商监管等社会关切事项"
        "主动公开信息312条，办理依申请公开17件。\n"
        "五、存在的主要问题及改进情况\n"
        "部分业务现场的公开栏更新不够及时。下一步将建立公开栏季度巡查机制。\n",
        encoding="utf-8")
    report = load_reports(path)[0]
    meta = report.metadata
    assert meta.agency == "拱北海关"
    assert meta.level == level_of("拱北海关") == "department"
    frame = pd.DataFrame({"region": [meta.region], "agency": [meta.agency], "year": [meta.year]})
    add_place_levels(frame)
    assert (frame["province"].iat[0], frame["prefecture"].iat[0]) == ("广东省", "珠海市")
