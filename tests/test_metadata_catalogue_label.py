"""A catalogue field's label before the title ("名　　称：…") is no part of the agency's name.

A county's 政府信息公开目录 page prints a block of fields above the report — 索引号,
发布机构, 成文日期, 发布日期, 主题分类 and "名　　称：<title>" — and the title line is read
from that field. With the label left on, the title matched no pattern, the agency fell back
to the signature or the 发布机构 (an office: "赣州市人民政府办公室" for the city's own report),
the level came out `department` for a city, and the office's name linked the city's years
with the office's own reports. The label is set aside: the agency is the title's.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report
from nlp_reports.parse import metadata as meta

CATALOGUE_PAGE = """索引号：11360700MB1234567X/2025-00412
发布机构：峪阳市人民政府办公室
成文日期：2025-01-08
发布日期：2025-01-10
主题分类：政务公开
名　　称：峪阳市人民政府2024年政府信息公开工作年度报告

峪阳市人民政府2024年政府信息公开工作年度报告

一、总体情况
2024年，我市坚持以公开为常态、不公开为例外，全年主动公开政府信息3126条，办理依申请公开58件。

峪阳市人民政府办公室
2025年1月8日
"""

DISTRICT_PAGE = """标　题：溪口区人民政府2023年度政府信息公开工作年度报告
发文机关：溪口区人民政府
发布日期：2024-01-19

溪口区人民政府2023年度政府信息公开工作年度报告
　　一、总体情况
　　2023年，溪口区围绕群众关切推进政务公开，政府网站发布信息1520条。

溪口区人民政府办公室
2024年1月18日
"""


@pytest.mark.parametrize("title, agency, year", [
    ("名　　称：峪阳市人民政府2024年政府信息公开工作年度报告", "峪阳市人民政府", 2024),
    ("名称：柳岸县教育局2023年度政府信息公开工作年度报告", "柳岸县教育局", 2023),
    ("标　题：溪口区人民政府2023年度政府信息公开工作年度报告", "溪口区人民政府", 2023),
    ("文件名称:云岭州民政局2022年政府信息公开工作年度报告", "云岭州民政局", 2022),
])
def test_label_set_aside(title, agency, year):
    assert meta.agency_and_year(title) == (agency, year)


def test_a_name_that_starts_like_a_label_is_kept():
    # "名称" only as a label when a colon follows it
    assert meta.agency_and_year("标题镇人民政府2023年政府信息公开工作年度报告") == ("标题镇人民政府", 2023)


@pytest.mark.parametrize("text, agency, level, title", [
    (CATALOGUE_PAGE, "峪阳市人民政府", "city", "峪阳市人民政府2024年政府信息公开工作年度报告"),
    (DISTRICT_PAGE, "溪口区人民政府", "county", "溪口区人民政府2023年度政府信息公开工作年度报告"),
])
def test_catalogue_page(text, agency, level, title):
    md = load_report(text).metadata
    assert (md.agency, md.level, md.title) == (agency, level, title)
    assert meta.agency_key(md.agency) != meta.agency_key(agency + "办公室")


def test_traditional_label_left_out_of_the_title():
    text = CATALOGUE_PAGE.replace("名　　称：", "名　　稱：")
    md = load_report(text).metadata
    assert (md.title, md.agency) == ("峪阳市人民政府2024年政府信息公开工作年度报告", "峪阳市人民政府")
