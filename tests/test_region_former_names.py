"""Former names (2008–2023) and the short forms of counties in the gazetteer.

Reports of 2008–2018 are titled by the names of their day: 莱芜市 (a prefecture merged into
济南市 in 2019), 普兰店市 (a 县级市 made a district in 2015), 永年县 (a 县 made a district in
2016); before they were listed such reports had no province. A former name gives its province
for any year, its prefecture and level as they were; a place whose kind changed (巢湖市: a
prefecture until 2011, a county-level city of 合肥市 since) is read as the report's year had
it, as today when the year is unknown. Counties are often written short (互助县 for 互助土族
自治县, 科右前旗 for 科尔沁右翼前旗); a short form no other place has is listed.
"""

from __future__ import annotations

import pandas as pd
import pytest

from nlp_reports.corpus.summarize import add_place_levels, place_levels
from nlp_reports.parse import places
from nlp_reports.parse.load import load_reports
from nlp_reports.parse.metadata import agency_key, level_of, tier_of


@pytest.mark.parametrize("region, year, expected", [
    ("莱芜市", 2015, ("山东省", "莱芜市")),
    ("莱芜市", None, ("山东省", "莱芜市")),
    ("莱城区", 2012, ("山东省", "莱芜市")),
    ("襄樊市", 2009, ("湖北省", "襄樊市")),
    ("普兰店市", 2013, ("辽宁省", "大连市")),
    ("普兰店市", None, ("辽宁省", "大连市")),  # only ever 大连市's 县级市
    # a year after the name's last: its province alone (a namesake or a slip; 2015 itself may
    # be either name's), never its own name taken for a prefecture
    ("普兰店市", 2016, ("辽宁省", None)),
    ("通州市", 2012, ("江苏省", None)),
    ("莱芜市", 2021, ("山东省", "莱芜市")),  # (a prefecture's own name, as the name states)
    ("永年县", 2012, ("河北省", "邯郸市")),
    ("闸北区", 2013, ("上海市", None)),
    ("蓟县", 2014, ("天津市", None)),
    ("开县", 2010, ("重庆市", None)),
    ("毕节地区", 2009, ("贵州省", "毕节地区")),
    ("日喀则地区", 2012, ("西藏自治区", "日喀则地区")),
    ("伊春区", 2016, ("黑龙江省", "伊春市")),
    ("宁乡县", 2015, ("湖南省", "长沙市")),
    ("马尔康县", 2013, ("四川省", "阿坝藏族羌族自治州")),
    # a place whose kind or parent changed: the report's year decides, today's when unknown
    ("巢湖市", 2009, ("安徽省", "巢湖市")),
    ("巢湖市", 2015, ("安徽省", "合肥市")),
    ("巢湖市", None, ("安徽省", "合肥市")),
    ("庐江县", 2009, ("安徽省", "巢湖市")),
    ("庐江县", 2013, ("安徽省", "合肥市")),
    ("钢城区", 2016, ("山东省", "莱芜市")),
    ("钢城区", 2021, ("山东省", "济南市")),
    ("简阳市", 2014, ("四川省", "资阳市")),
    ("简阳市", 2020, ("四川省", "成都市")),
    ("毕节市", 2009, ("贵州省", "毕节地区")),
    ("毕节市", 2015, ("贵州省", "毕节市")),
    # a former name whose parent changed before it went: its province, the rest by the year
    ("无为县", None, ("安徽省", None)),
    ("无为县", 2009, ("安徽省", "巢湖市")),
    ("无为县", 2016, ("安徽省", "芜湖市")),
])
def test_a_former_name_is_read_as_its_year_had_it(region, year, expected):
    assert place_levels(region, year) == expected


@pytest.mark.parametrize("region, year, expected", [
    ("双桥区", 2009, (None, None)),  # 重庆's until 2011, 承德's still
    ("双桥区", None, (None, None)),
    ("双桥区", 2016, ("河北省", "承德市")),
    ("桥东区", 2012, (None, None)),  # 石家庄's, 邢台's and 张家口's
    ("桥东区", 2022, ("河北省", "张家口市")),
    ("清河区", 2013, (None, None)),  # 淮安's until 2016, 铁岭's still
])
def test_a_name_shared_in_some_years_is_not_resolved_then(region, year, expected):
    assert place_levels(region, year) == expected


@pytest.mark.parametrize("agency, year, level", [
    ("巢湖市人民政府", 2009, "city"),
    ("巢湖市人民政府", 2016, "county"),
    ("巢湖市人民政府", None, "county"),
    ("毕节市人民政府", 2009, "county"),
    ("毕节市人民政府", 2016, "city"),
    ("普兰店市人民政府", 2012, "county"),
    ("普兰店市人民政府", None, "county"),
    ("通州市人民政府", 2008, "county"),
    ("通州市人民政府", 2012, "city"),  # no 通州市 stood in 2012: as its unit says
    ("儋州市人民政府", 2012, "county"),
    ("儋州市人民政府", 2020, "city"),
    ("莱芜市人民政府", 2016, "city"),
])
def test_the_level_of_a_former_kind_follows_the_year(agency, year, level):
    assert level_of(agency, year=year) == level


def test_a_department_is_at_its_government_tier_of_the_year():
    assert tier_of("department", "巢湖市", "巢湖市教育局", 2009) == "city"
    assert tier_of("department", "巢湖市", "巢湖市教育局", 2019) == "county"


def _report(tmp_path, agency, year):
    head = (f"{agency}{year}年政府信息公开工作年度报告\n\n"
            f"根据《中华人民共和国政府信息公开条例》，编制本报告，统计期限为{year}年1月1日至"
            f"12月31日。\n\n一、概述\n\n今年我们继续抓好公开工作。\n\n"
            f"二、主动公开政府信息情况\n\n（略）\n\n{agency}\n{year + 1}年3月20日\n")
    path = tmp_path / f"{agency}{year}.txt"
    path.write_text(head, encoding="utf-8")
    return load_reports(path)[0]


def test_a_report_of_a_former_prefecture_is_city_level(tmp_path):
    old = _report(tmp_path, "巢湖市人民政府", 2009)
    new = _report(tmp_path, "巢湖市人民政府", 2017)
    assert (old.metadata.year, old.metadata.level) == (2009, "city")
    assert (new.metadata.year, new.metadata.level) == (2017, "county")


def test_the_summary_columns_read_the_report_year():
    frame = pd.DataFrame({"region": ["巢湖市", "巢湖市", "莱芜市", "永年县"],
                          "agency": ["巢湖市人民政府"] * 2 + ["莱芜市人民政府", "永年县教育局"],
                          "year": [2010, 2018, 2014, 2013]})
    add_place_levels(frame)
    assert frame["province"].tolist() == ["安徽省", "安徽省", "山东省", "河北省"]
    assert frame["prefecture"].tolist() == ["巢湖市", "合肥市", "莱芜市", "邯郸市"]


@pytest.mark.parametrize("a, b", [
    ("山东省莱芜市人民政府", "莱芜市人民政府"),
    ("辽宁省普兰店市人民政府", "普兰店市人民政府"),
    ("上海市闸北区人民政府", "闸北区人民政府"),
])
def test_link_key_drops_the_province_of_a_former_name(a, b):
    assert agency_key(a) == agency_key(b)


@pytest.mark.parametrize("short, full, expected", [
    ("互助县", "互助土族自治县", ("青海省", "海东市")),
    ("长阳县", "长阳土家族自治县", ("湖北省", "宜昌市")),
    ("石柱县", "石柱土家族自治县", ("重庆市", None)),
    ("保亭县", "保亭黎族苗族自治县", ("海南省", None)),
    ("察布查尔县", "察布查尔锡伯自治县", ("新疆维吾尔自治区", "伊犁哈萨克自治州")),
    ("喀左县", "喀喇沁左翼蒙古族自治县", ("辽宁省", "朝阳市")),
    ("科右前旗", "科尔沁右翼前旗", ("内蒙古自治区", "兴安盟")),
    ("达茂旗", "达尔罕茂明安联合旗", ("内蒙古自治区", "包头市")),
])
def test_a_county_written_short_is_its_full_name(short, full, expected):
    assert places.lookup(short).name == full
    assert place_levels(short) == expected
    assert place_levels(f"{short}城关镇") == expected
    assert level_of(f"{short}人民政府") == "county"


def test_a_short_form_two_places_could_mean_is_not_listed():
    # 东乡族自治县 (甘肃) written 东乡县: 抚州's 东乡县 was a county until 2016
    assert places.lookup("东乡县") is None
    assert places.lookup("东乡区").province == "江西省"


@pytest.mark.parametrize("region, year, expected", [
    # until is the last year the row surely holds; the change's own year reads as after it
    ("普兰店市", 2014, ("辽宁省", "大连市")),
    ("普兰店市", 2015, ("辽宁省", None)),
    ("巢湖市", 2010, ("安徽省", "巢湖市")),
    ("巢湖市", 2011, ("安徽省", "合肥市")),
    ("钢城区", 2018, ("山东省", "莱芜市")),
    ("钢城区", 2019, ("山东省", "济南市")),
    ("双桥区", 2010, (None, None)),
    ("双桥区", 2011, ("河北省", "承德市")),
])
def test_the_year_of_a_change_is_read_as_after_it(region, year, expected):
    assert place_levels(region, year) == expected


def test_a_missing_year_in_a_frame_reads_the_name_as_today():
    """A store frame holds a missing year as pandas' NA (Int64) or NaN (float): as unknown."""
    for years in (pd.array([2009, None], dtype="Int64"), [2009.0, float("nan")]):
        frame = pd.DataFrame({"region": ["巢湖市", "巢湖市"], "agency": ["巢湖市教育局"] * 2,
                              "year": years})
        add_place_levels(frame)
        assert frame["prefecture"].tolist() == ["巢湖市", "合肥市"]
