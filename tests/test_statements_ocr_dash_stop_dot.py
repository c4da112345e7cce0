"""A run-on list "ー、…。二、…" whose 。 an OCR engine read as ". " ("ー、…不便. 二、…"): the dash
read for 一 is item 1 when 二 follows after the ". ", as it is after "。"."""

from __future__ import annotations

from nlp_reports import load_report
from nlp_reports.ingest.normalize import normalize_text

REPORT = """澄江省生态环境厅2O10年政府信息公开工作年度报告
一、概述
2010年，本厅主动公开政府信息512条.
六、存在的问题和改进措施
(一)存在的主要问题
ー、历年规范性文件未完成集中清理和统一公开. 二、办事服务事项公开的办理时限与实际不一致. 三、网站栏目设置与上级标准目录对应不够规范.
(二)改进措施
—、开展规范性文件集中清理，统一在专栏公开清理结果. 二、全面核对办事服务事项办理时限，确保公开内容与实际一致.
七、其他需要报告的事项
无.
"""


def test_the_dash_before_a_stop_dot_list_is_item_one():
    report = load_report(REPORT)
    assert [(s.text, s.block) for s in report.statements] == [
        ("历年规范性文件未完成集中清理和统一公开.", "problem"),
        ("办事服务事项公开的办理时限与实际不一致.", "problem"),
        ("网站栏目设置与上级标准目录对应不够规范.", "problem"),
        ("开展规范性文件集中清理，统一在专栏公开清理结果.", "measure"),
        ("全面核对办事服务事项办理时限，确保公开内容与实际一致.", "measure"),
    ]
    assert not [e for e in report.errors if e.code == "statements_unsplit"]


def test_a_dash_with_no_two_after_it_stays():
    # a writer's dash bullets: no 二 follows the ". ", nothing says the dash is a numeral
    text = "ー、历年文件未清理. ー、办理时限不一致.\n"
    assert normalize_text(text) == text
    # a figure's "." is no sentence end: "3.5. 二、" has no Chinese character before ". "
    text = "ー、完成率3.5. 二、…\n"
    assert normalize_text(text) == text
