"""An older report numbering its parts with Roman numerals ("Ⅰ、概述" … "Ⅶ、其他需要报告的
事项", as Word's numbering list gives them) was read by the titles alone: each title kept
"Ⅰ、" and the long 复议诉讼 title, over the limit for a title without a numeral, was lost
(section 四 missing). Such lines are numbered headings now, taken only when the Chinese
numerals head fewer than two parts; a Ⅰ inside a sentence or a table row stays text.

The report texts are fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

_ROMAN = """西岭县林业局2011年度政府信息公开工作报告
{1}概述
　　2011年，我局将林权改革、森林防火等群众关心的事项作为公开重点，由办公室统筹推进。
{2}主动公开政府信息情况
　　全年通过县政府门户网站主动公开信息97条，其中林木采伐审批结果41条。
{3}依申请公开政府信息情况
　　共受理申请3件，均已按期答复。
{4}因政府信息公开申请行政复议、提起行政诉讼的情况
　　本年度未发生。
{5}政府信息公开工作存在的主要问题及改进措施
　　一是公开内容不够细化；二是基层站所公开意识不强。下一步，我局将加强督导检查。
{6}其他需要报告的事项
　　无。
西岭县林业局
二〇一二年三月二十日
"""


@pytest.mark.parametrize("form", ["{}、", "{}．", "{} ", "　{}、"])
def test_roman_numeral_titles_head_their_parts(form):
    marks = {i: form.format(chr(0x215F + i)) for i in range(1, 7)}
    report = load_report(_ROMAN.format("", *marks.values()))
    assert [(s.number, s.title) for s in report.sections] == [
        (1, "概述"), (2, "主动公开政府信息情况"), (3, "依申请公开政府信息情况"),
        (4, "因政府信息公开申请行政复议、提起行政诉讼的情况"),
        (5, "政府信息公开工作存在的主要问题及改进措施"), (6, "其他需要报告的事项")]
    assert report.missing_sections == ()
    assert report.sections[0].text.startswith("2011年")


def test_roman_items_under_chinese_numerals_stay_text():
    text = """东川区审计局2013年政府信息公开工作年度报告
一、概述
我局依照《条例》规定推进公开，要点如下：
Ⅰ、主动公开政府信息情况
公开审计结果公告12份。
二、主动公开政府信息情况
全年主动公开信息150条。
三、依申请公开政府信息情况
未收到申请。
四、因政府信息公开申请行政复议、提起行政诉讼的情况
无。
五、存在的主要问题及改进情况
公开时效有待提高，今后将落实专人负责。
六、其他需要报告的事项
无。
"""
    report = load_report(text)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert "Ⅰ、主动公开政府信息情况" in report.sections[0].text
    assert report.sections[1].text == "全年主动公开信息150条。"


def test_roman_numeral_in_a_sentence_or_table_row_is_no_heading():
    text = """南湖镇人民政府2010年政府信息公开工作年度报告
概述
本镇按照公开目录逐项公开，办公室负责日常工作，公开事项分为
Ⅰ 概述类和
Ⅱ 主动公开类两种。
主动公开政府信息情况
全年主动公开信息35条。
Ⅰ、主动公开情况\t条\t35
Ⅱ、依申请公开情况\t件\t0
依申请公开政府信息情况
未收到申请。
"""
    report = load_report(text)
    assert [(s.number, s.title) for s in report.sections] == [
        (1, "概述"), (2, "主动公开政府信息情况"), (3, "依申请公开政府信息情况")]
    assert "Ⅱ 主动公开类两种。" in report.sections[0].text
    assert "Ⅱ、依申请公开情况\t件\t0" in report.sections[1].text
