"""A ministry's own department (…部…司) and a state depot (…直属库) name the agency of a
report's title, and a ministry's department is national. Before, a title such as
"水利部水文司2023年政府信息公开工作年度报告" gave no agency at all: the report was stored
with agency and level empty and fell out of every by-agency table and of the year-over-year
copying and cross-year checks."""

from __future__ import annotations

import pytest

from nlp_reports import load_report
from nlp_reports.parse import metadata as meta


@pytest.mark.parametrize("title, agency, year", [
    ("交通运输部水运物资储备司2021年政府信息公开工作年度报告", "交通运输部水运物资储备司", 2021),
    ("外交部领事司2019年政府信息公开工作年度报告", "外交部领事司", 2019),
    ("2024年自然资源部国土空间规划司政府信息公开工作年度报告", "自然资源部国土空间规划司", 2024),
    ("雁回省粮食和物资储备局直属库2023年政府信息公开工作年度报告", "雁回省粮食和物资储备局直属库", 2023),
])
def test_title_names_a_ministry_department_or_a_depot(title, agency, year):
    assert meta.agency_and_year(title) == (agency, year)


@pytest.mark.parametrize("agency, level", [
    ("交通运输部水运物资储备司", "national"),
    ("水利部水文司", "national"),
    ("交通运输部海事局", "national"),
    ("雁回省粮食和物资储备局直属库", "department"),
    ("鹤鸣市水务集团有限公司", None),  # a company keeps no level
])
def test_level_of_a_ministry_department_and_a_depot(agency, level):
    assert meta.level_of(agency) == level


def test_a_ministry_department_report_is_stored_with_its_agency(tmp_path):
    text = "\n".join([
        "农业农村部渔船检验司2022年政府信息公开工作年度报告", "",
        "一、总体情况",
        "2022年，本司按照《中华人民共和国政府信息公开条例》要求，做好渔船检验领域信息公开。",
        "二、主动公开政府信息情况", "全年主动公开检验规范和通告17条。",
        "三、收到和处理政府信息公开申请情况", "全年未收到政府信息公开申请。",
        "四、政府信息公开行政复议、行政诉讼情况", "无。",
        "五、存在的主要问题及改进情况",
        "一是检验标准的解读材料偏少，渔民看不懂。二是下一步将配套推出图解和问答。",
        "六、其他需要报告的事项", "无。", ""])
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    m = load_report(path).metadata
    assert (m.agency, m.year, m.level) == ("农业农村部渔船检验司", 2022, "national")
