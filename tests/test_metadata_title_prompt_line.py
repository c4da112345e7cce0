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
