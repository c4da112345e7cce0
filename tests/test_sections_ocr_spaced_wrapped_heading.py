"""A letter-spaced section heading an OCR engine also wrapped ("五 、存 在 的 主 要 问 题 及" /
"改 进 情 况"): the rest, too short to be closed up as a letter-spaced run, finishes the title
instead of standing as a statement of 五."""

from __future__ import annotations

from nlp_reports import load_report
from nlp_reports.parse.headings import badge_spans

REPORT = """白沙河镇人民政府2022年政府信息公开工作年度报告
一 、总 体 情 况
2022年，我镇主动公开政府信息214条，未收到政府信息公开申请。
二、主动公开政府信息情况
镇政府网站专栏全年更新信息168条。
五 、存 在 的 主 要 问 题 及
改 进 情 况
（一）存在的主要问题
1 . 村务公开栏的内容更新周期偏长。
2 . 镇干部对条例的学习停留在传达层面。
（二）改进情况
1 . 每季度对各村公开栏逐一检查并通报。
2 . 把条例学习列入镇党委理论学习中心组计划。
六 、其 他 需 要 报 告 的 事 项
无。
"""


def test_the_wrapped_rest_finishes_the_title():
    report = load_report(REPORT)
    five = next(s for s in report.sections if s.number == 5)
    assert five.title == "存在的主要问题及改进情况"
    assert [s.number for s in report.sections] == [1, 2, 5, 6]


def test_no_statement_of_the_rest():
    texts = [s.text for s in load_report(REPORT).statements]
    assert texts == ["村务公开栏的内容更新周期偏长。", "镇干部对条例的学习停留在传达层面。",
                     "每季度对各村公开栏逐一检查并通报。", "把条例学习列入镇党委理论学习中心组计划。"]
    assert [s.block for s in load_report(REPORT).statements] == ["problem"] * 2 + ["measure"] * 2


def test_a_spaced_line_that_finishes_no_title_stays():
    text = "五、存在的主要问题\n村 务 栏\n"
    assert badge_spans(text) == []
    text = "五、存在的主要问题及改进\n情 况 说 明 书\n"  # no known title so
    assert badge_spans(text) == []
