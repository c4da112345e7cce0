"""A measures sub-heading worded 改进打算 / 整改打算 / 改进思路 opens the measures block.

"（二）改进打算" (a hospital's report, a county bureau's) was no sub-heading: it was read as a
problem statement, and every measure under it as a problem, so the report seemed to name
problems and no measure. 下一步打算, 今后打算 and 改进计划 were already read.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report
from nlp_reports.parse.headings import block_of


def _report(heading: str) -> str:
    return ("柳岸县档案馆2023年政府信息公开工作年度报告\n一、总体情况\n全年主动公开信息87条。\n"
            "五、存在的主要问题及改进情况\n（一）存在的不足\n档案开放审核进度偏慢，部分到期档案未能按时向社会开放。\n"
            f"{heading}\n组建开放审核专班，年内完成1998年以前档案的开放审核。\n六、其他需要报告的事项\n无。\n")


@pytest.mark.parametrize("heading", ["（二）改进打算", "（二）整改打算", "（二）改进思路", "改进打算：",
                                     "（二）下一步打算", "（二）改进计划"])
def test_the_plan_heading_opens_the_measures(heading):
    r = load_report(_report(heading))
    got = [(s.text, s.block) for s in r.statements]
    assert got == [("档案开放审核进度偏慢，部分到期档案未能按时向社会开放。", "problem"),
                   ("组建开放审核专班，年内完成1998年以前档案的开放审核。", "measure")], got


@pytest.mark.parametrize("phrase, block", [
    ("改进打算", "measure"), ("整改打算", "measure"), ("改进思路", "measure"),
    ("存在的问题和改进打算", "unknown"),
    ("打算改进的问题", None),  # no heading: 打算 alone after it
])
def test_block_of_the_plan_wordings(phrase, block):
    assert block_of(phrase) == block
