"""A portal's prompt line naming the report ("阅读提示：本页面为…年度报告全文") is not its title.

Some article pages print a prompt above the heading that says what the page holds. It names
a 年度报告 and came first, so it was taken for the title: the title had no agency and no
year, and the agency came from the signature alone.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

PAGE = """烟台湾市人民政府门户网站
首页 » 信息公开 » 政府信息公开年报
{prompt}
烟台湾市生态环境局2024年政府信息公开工作年度报告
发布日期：2025-01-22
一、总体情况
2024年，我局主动公开环评审批、排污许可和执法检查等信息734条，受理依申请公开26件。
"""


@pytest.mark.parametrize("prompt", [
    "阅读提示：本页面为政府信息公开年度报告全文",
    "温馨提示：年度报告附件可在页面底部下载",
    "【友情提示】：本栏目发布本机关政府信息公开工作年度报告",
])
def test_a_prompt_above_the_heading_is_no_title(prompt):
    md = load_report(PAGE.format(prompt=prompt)).metadata
    assert md.title == "烟台湾市生态环境局2024年政府信息公开工作年度报告"
    assert (md.agency, md.year, md.published) == ("烟台湾市生态环境局", 2024, "2025-01-22")


def test_a_title_naming_a_prompt_word_stays():
    # 提示 inside the name, no colon after it: a title
    text = PAGE.format(prompt="").replace("烟台湾市生态环境局2024年", "烟台湾市风险提示中心2024年")
    assert load_report(text).metadata.agency == "烟台湾市风险提示中心"


BARE = """{prompt}
发布时间：2024-01-23 09:12
一、总体情况
2023年，本局主动公开农机购置补贴、动物防疫等信息318条，收到政府信息公开申请4件，均按期答复。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


@pytest.mark.parametrize(("prompt", "title", "agency"), [
    ("阅读提示：本页面为清河县农业农村局2023年政府信息公开工作年度报告全文",
     "清河县农业农村局2023年政府信息公开工作年度报告", "清河县农业农村局"),
    ("【温馨提示】：本页为《南湖区卫生健康局2023年政府信息公开工作年度报告》原文。",
     "南湖区卫生健康局2023年政府信息公开工作年度报告", "南湖区卫生健康局"),
    ("阅读须知：以下为青石镇人民政府2023年度政府信息公开工作年度报告",
     "青石镇人民政府2023年度政府信息公开工作年度报告", "青石镇人民政府"),
])
def test_a_prompt_names_the_report_of_a_page_with_no_heading(prompt, title, agency):
    # no line but the prompt names the report: its name is the title, label and 全文 aside
    md = load_report(BARE.format(prompt=prompt)).metadata
    assert (md.title, md.agency, md.year) == (title, agency, 2023)


@pytest.mark.parametrize("prompt", [
    "阅读提示：本页面为政府信息公开年度报告全文",
    "温馨提示：2023年度报告附件可在页面底部下载",
    "特别提示：本网站2023年年报",  # the site's own words, naming no agency
])
def test_a_prompt_naming_no_report_of_its_own_gives_no_title(prompt):
    assert load_report(BARE.format(prompt=prompt)).metadata.title is None
