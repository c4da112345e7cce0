"""A report sent out under a 印发 notice is dated by the notice's sign-off.

Governments and departments often publish the report inside "关于印发《…年度报告》的通知":
the notice's few lines, its issuer and date, then the report, often unsigned. ``published``
was None when the page gave no date (26 of 354 heads of an outside check). The notice's
date — the line under its issuer, between the notice's title and the report's first part —
is the report's date (``published_from`` "signature"), in the year reported on or the next;
the page's 发布时间 still comes first, and the report's own closing date before the notice's.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report
from nlp_reports.parse import metadata as meta

NOTICE = """{chrome}石门县人民政府办公室
关于印发《石门县2023年政府信息公开工作年度报告》的通知

各乡镇人民政府，县政府各部门：
　　现将《石门县2023年政府信息公开工作年度报告》印发给你们，请结合实际认真抓好落实。

石门县人民政府办公室
{date}

石门县2023年政府信息公开工作年度报告

一、总体情况
2023年，我县以群众需求为导向推进政务公开，全年主动公开信息1862条，办理依申请公开41件。
二、主动公开政府信息情况
本年新制发规范性文件12件。
{tail}"""


@pytest.mark.parametrize("chrome, date, tail, published, source", [
    ("", "2024年1月26日", "", "2024-01-26", "signature"),
    ("", "二〇二四年一月二十六日", "", "2024-01-26", "signature"),
    # the page's date first
    ("发布时间：2024-02-01 09:12\n", "2024年1月26日", "", "2024-02-01", "page"),
    # the report's own closing date before the notice's
    ("", "2024年1月26日", "\n石门县人民政府\n2024年1月20日\n", "2024-01-20", "signature"),
    # a date of another year than the report's or the next is no date of it
    ("", "2021年1月26日", "", None, None),
])
def test_notice_date(chrome, date, tail, published, source):
    md = load_report(NOTICE.format(chrome=chrome, date=date, tail=tail)).metadata
    assert (md.agency, md.year) == ("石门县人民政府", 2023)
    assert (md.published, md.published_from) == (published, source)


def test_only_under_a_notice_title():
    between = "各有关单位：\n现将报告印发给你们。\n\n石门县人民政府办公室\n2024年1月26日\n"
    assert meta.notice_date("关于印发《石门县2023年政府信息公开工作年度报告》的通知", between, 2023) == "2024-01-26"
    assert meta.notice_date("石门县2023年政府信息公开工作年度报告", between, 2023) is None
    # a date in a sentence, not under a sign-off
    assert meta.notice_date("关于印发《石门县2023年政府信息公开工作年度报告》的通知",
                            "现将报告印发给你们。\n2024年1月26日\n", 2023) is None


SENT_OUT = """关于印发《{place}{year}年政府信息公开工作年度报告》的通知
各乡镇人民政府、街道办事处，{short}直各单位：
　　经{short}人民政府同意，现将《{place}{year}年政府信息公开工作年度报告》印发给你们。
{sign_off}
{place}{year}年政府信息公开工作年度报告
{under}
一、总体情况
　　{year}年，全{short}各级行政机关主动公开政府信息{n}条，办理依申请公开{m}件。
二、主动公开政府信息情况
本年新制发规范性文件{m}件。
"""


@pytest.mark.parametrize("place, year, sign_off, under, published", [
    # a date line under the report's own title no longer hides the notice's sign-off
    ("石门县", 2023, "\n石门县人民政府办公室\n2024年1月26日\n", "（2024年1月20日）", "2024-01-26"),
    ("云梦县", 2016, "\n云梦县人民政府办公室　二〇一七年三月二十八日\n", "二〇一七年三月二十日", "2017-03-28"),
    # the issuer and the date on one line
    ("桃源县", 2019, "桃源县人民政府办公室　　2020年1月22日\n", "", "2020-01-22"),
    ("北川区", 2024, "\n北川区人民政府办公室 2025-01-17\n", "", "2025-01-17"),
    # ... in another year than the report's or the next: no date of it
    ("桃源县", 2019, "桃源县人民政府办公室　　2012年1月22日\n", "", None),
])
def test_notice_sign_off_forms(place, year, sign_off, under, published):
    text = SENT_OUT.format(place=place, short=place[-1], year=year, sign_off=sign_off, under=under,
                           n=year % 1000 + 300, m=year % 9 + 1)
    md = load_report(text).metadata
    assert md.year == year
    assert md.published == published


def test_one_line_sign_off_needs_an_issuer():
    title = "关于印发《石门县2023年政府信息公开工作年度报告》的通知"
    assert meta.notice_date(title, "现将报告印发给你们。\n石门县人民政府办公室　2024年1月26日\n", 2023) == "2024-01-26"
    # a sentence and a date on one line is no sign-off
    assert meta.notice_date(title, "各单位：\n请于 2024年1月26日\n", 2023) is None
