"""One agency across years when its name differs only by a "（本级）" or by how Inner Mongolia's
units write their government: "溪口县人民政府（本级）" and "溪口县政府(本级)" are 溪口县人民政府; a
盟's government is its 行政公署 (…盟政府, …盟人民政府, …盟行署 alike), a 苏木's is its 人民政府
(…苏木政府). Levels: 盟 city, 旗 county, 苏木 township. Only the end of the name is read: a unit
named after the government (…盟政府采购中心) keeps its name. The reports are read by the parser.
"""

from __future__ import annotations

import pytest
from _corpus_helpers import parsed_store

from nlp_reports import load_report
from nlp_reports.corpus.panel import panel
from nlp_reports.parse.metadata import agency_key

# (one year's name, another year's name, the key both have)
_SAME = [
    ("溪口县人民政府（本级）", "溪口县人民政府", "溪口县人民政府"),
    ("溪口县政府(本级)", "溪口县人民政府", "溪口县人民政府"),
    ("云岭市(市本级)", "云岭市人民政府", "云岭市人民政府"),
    ("锡林郭勒盟政府", "锡林郭勒盟行政公署", "锡林郭勒盟行政公署"),
    ("阿拉善盟人民政府", "阿拉善盟行署", "阿拉善盟行政公署"),
    ("兴安盟政府办公室", "兴安盟行政公署办公室", "兴安盟行政公署办公室"),
    ("宝力根苏木政府", "宝力根苏木人民政府", "宝力根苏木人民政府"),
    ("正蓝旗上都镇政府", "正蓝旗上都镇人民政府", "正蓝旗上都镇人民政府"),
    ("和田地区政府", "和田地区行政公署", "和田地区行政公署"),
]


@pytest.mark.parametrize("one, other, key", _SAME,
                         ids=["county-own-level", "county-short-own-level", "city-shi-ben-ji",
                              "league-short", "league-people", "league-office", "sumu-short",
                              "banner-town", "prefecture"])
def test_one_agency_whatever_the_year_wrote(one, other, key):
    assert agency_key(one) == agency_key(other) == key


@pytest.mark.parametrize("name", [
    "锡林郭勒盟政府采购中心", "阿拉善盟政府研究室", "溪口县人民政府（挂县应急局牌子）",
    "锡林郭勒盟教育局", "巴彦嘎查村民委员会"])
def test_names_that_are_other_bodies_keep_their_name(name):
    assert agency_key(name) in (name, name.replace("（", "(").replace("）", ")"))


_REPORT = """{agency}{year}年政府信息公开工作年度报告

一、总体情况
{year}年，{short}深入贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息{n}条。

二、主动公开政府信息情况
全年制发规范性文件{docs}件。

三、收到和处理政府信息公开申请情况
全年收到政府信息公开申请{apps}件，均在法定期限内答复。

四、政府信息公开行政复议、行政诉讼情况
本年度未发生行政复议、行政诉讼。

五、存在的主要问题及改进情况
一是{problem}二是政策解读形式较为单一。下一步，{short}将加强业务培训。

六、其他需要报告的事项
无。

{agency}
{next}年1月{day}日
"""

_REPORTS = [
    ("溪口县人民政府（本级）", 2022, "我县", "县直部门信息报送不够及时。", "county"),
    ("溪口县人民政府", 2023, "我县", "基层政务公开标准目录更新较慢。", "county"),
    ("锡林郭勒盟政府", 2022, "我盟", "牧区政务公开栏覆盖不全。", "city"),
    ("锡林郭勒盟行政公署", 2023, "我盟", "蒙汉双语信息发布不够同步。", "city"),
    ("宝力根苏木政府", 2022, "我苏木", "嘎查务公开栏内容更新慢。", "township"),
    ("宝力根苏木人民政府", 2023, "我苏木", "工作人员兼职较多。", "township"),
    ("正蓝旗人民政府", 2023, "我旗", "部分旗直部门解读材料偏少。", "county"),
]


def _text(agency: str, year: int, short: str, problem: str) -> str:
    return _REPORT.format(agency=agency, year=year, short=short, problem=problem, next=year + 1,
                          n=90 + year % 100, docs=year % 7, apps=year % 11, day=10 + year % 9)


@pytest.mark.parametrize("agency, year, short, problem, level", _REPORTS,
                         ids=[f"{a}-{y}" for a, y, *_ in _REPORTS])
def test_level_of_each_unit(agency, year, short, problem, level):
    assert load_report(_text(agency, year, short, problem)).metadata.level == level


def test_the_panel_has_one_series_per_agency(tmp_path):
    paths = []
    for agency, year, short, problem, _ in _REPORTS:
        path = tmp_path / f"{agency}{year}年政府信息公开工作年度报告.txt"
        path.write_text(_text(agency, year, short, problem), encoding="utf-8")
        paths.append(path)
    p = panel(parsed_store(tmp_path / "store.sqlite", paths))
    years = {a: sorted(g["year"]) for a, g in p.groupby("agency")}
    assert years == {"溪口县人民政府": [2022, 2023], "锡林郭勒盟行政公署": [2022, 2023],
                     "宝力根苏木人民政府": [2022, 2023], "正蓝旗人民政府": [2023]}
