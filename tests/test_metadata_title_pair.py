"""A page's <title> over its heading names the same report even when worded otherwise, and a
site's name before the title on its line is no part of the agency.

Before, "…2023年度…_溪口县人民政府" over the <h1> "…2023年…" was not taken for the title
printed again: the report's text started at the heading, so the 发布时间 under it was never
read and ``published`` fell back to the signature. "溪口县人民政府 溪口县民政局2023年…" (the
site's name, a blank, the title) gave the agency "溪口县人民政府 溪口县民政局".
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

BODY = """
一、总体情况
　　2023年，我局围绕社会救助和养老服务推进政务公开，主动公开信息66条，受理申请2件，均按时答复。
二、主动公开政府信息情况
本年新制发规范性文件1件。

溪口县民政局
2024年1月23日
"""


@pytest.mark.parametrize("page_title", [
    "溪口县民政局2023年度政府信息公开工作年度报告_溪口县人民政府",
    "溪口县民政局2023年政府信息公开年报",
    "溪口县民政局2023年度政府信息公开工作年度报告 - 溪口县人民政府网",
])
def test_title_worded_otherwise_over_heading(page_title):
    text = (f"{page_title}\n溪口县民政局2023年政府信息公开工作年度报告\n"
            "发布时间：2024-01-24　来源：县民政局\n" + BODY)
    md = load_report(text).metadata
    assert (md.agency, md.year) == ("溪口县民政局", 2023)
    assert (md.published, md.published_from) == ("2024-01-24", "page")


def test_government_short_name_over_heading():
    # 县政府 in the <title>, 县人民政府 in the heading: one body
    text = ("平川县政府2010年政府信息公开年报\n平川县人民政府2010年政府信息公开工作年度报告\n"
            "信息来源：县政府办　发布日期：2011-03-29\n\n一、概述\n2010年，县政府主动公开信息1203条。\n"
            "\n平川县人民政府\n二〇一一年三月二十五日\n")
    assert load_report(text).metadata.published == "2011-03-29"


def test_site_name_before_title():
    text = ("溪口县人民政府 溪口县民政局2023年政府信息公开工作年度报告\n"
            "溪口县民政局2023年政府信息公开工作年度报告\n发布时间：2024-01-24\n" + BODY)
    md = load_report(text).metadata
    assert md.agency == "溪口县民政局"
    assert md.title == "溪口县民政局2023年政府信息公开工作年度报告"
    assert md.published == "2024-01-24"


@pytest.mark.parametrize("title, agency", [
    # one name written in two words, not a site's name before the title
    ("国家税务总局 溪口县税务局2023年政府信息公开工作年度报告", "国家税务总局 溪口县税务局"),
    # another body's report under the site's name: not cut
    ("溪口县人民政府 2023年政府信息公开工作年度报告", "溪口县人民政府"),
])
def test_no_site_name(title, agency):
    md = load_report(f"{title}\n\n一、总体情况\n2023年，主动公开信息120条。\n\n{agency.replace(' ', '')}\n2024年1月26日\n").metadata
    assert md.agency == agency


def test_other_report_title_is_no_repeat():
    # the line under the title names another year's report: the text starts there, as before
    text = ("溪口县民政局2023年政府信息公开工作年度报告\n溪口县民政局2022年政府信息公开工作年度报告（已废止）\n"
            "发布时间：2024-01-24\n" + BODY)
    assert load_report(text).metadata.published_from == "signature"
