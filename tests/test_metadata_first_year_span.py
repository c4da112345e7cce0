"""A report on the first year of the 2007 条例, which took effect on 1 May 2008, often names
that span in its title: "<机关>2008年5月至12月政府信息公开工作报告", "…2008年5月1日-12月31日…".
The year was read, but the agency was not (nor its level and region): the span stood between
the year and 政府信息公开, where the title reader expected nothing.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from nlp_reports.parse.load import load_report
from nlp_reports.parse.metadata import agency_and_year


@pytest.mark.parametrize("title, agency", [
    ("梨园县人民政府2008年5月至12月政府信息公开工作报告", "梨园县人民政府"),
    ("东江省林业厅2008年5月1日-12月31日政府信息公开工作年度报告", "东江省林业厅"),
    ("梨园县卫生局2008年五月至十二月政府信息公开工作报告", "梨园县卫生局"),
    ("梨园县教育局2008年5—12月份政府信息公开工作报告", "梨园县教育局"),
])
def test_the_months_after_the_year_are_no_part_of_the_name(title, agency):
    assert agency_and_year(title) == (agency, 2008)


def test_a_whole_report_gets_its_agency_level_and_region(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("""梨园县人民政府2008年5月至12月政府信息公开工作报告
一、概述
自2008年5月1日《条例》施行以来，县政府成立了政府信息公开工作领导小组，编制了公开指南和目录。
二、主动公开政府信息情况
5月至12月共主动公开信息312条。
三、依申请公开政府信息情况
共受理申请3件，均已按时答复。
四、存在的主要问题及改进情况
一是部分乡镇公开目录编制滞后；二是下一步将督促各乡镇年内完成目录编制。
""", encoding="utf-8")
    meta = load_report(path).metadata
    assert (meta.agency, meta.year, meta.level, meta.region) == (
        "梨园县人民政府", 2008, "county", "梨园县")
