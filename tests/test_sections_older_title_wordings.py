"""Older reports (2008–2020) word their part titles in more ways than the outline did.

* The 复议诉讼 part: "因政府信息公开申请提起行政复议和行政诉讼的情况" (和 or 及 for the outline's 、,
  提起 before either half or neither). Written bare on its line it was no heading, so its text
  went into section 三 and 四 was reported missing.
* A "第六部分" line above a section-五 title no list holds ("存在的问题和今后工作打算"): the
  numeral line and the title stayed in 四's text and 五 was missing, though the same title
  without the numeral line was read. A numeral line must never read worse than none.

The report texts are fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from nlp_reports.parse.load import load_report

#: A city audit bureau's 2011 report pasted from Word: bare bold titles, no numerals.
_AUDIT_2011 = """临川市审计局2011年政府信息公开工作年度报告

概述
今年我局把信息公开列入局务会议题两次，修订了《临川市审计局政府信息公开指南》，公开电话全年有专人值守。
主动公开政府信息情况
全年主动公开审计结果公告、审计工作动态等信息共93条，全部在市政府门户网站“审计信息”栏目发布。
依申请公开政府信息情况
收到申请2件，涉及某专项资金审计结果，均在法定期限内答复。
政府信息公开的收费及减免情况
我局未收取任何费用。
{cases}
未发生此类情况。
存在的主要问题和改进措施
一是栏目更新偏慢；二是公开内容以结果为主，过程信息偏少。明年将建立栏目更新周报制度。
其他需要报告的事项
无。
"""


@pytest.mark.parametrize("title", [
    "因政府信息公开申请提起行政复议和行政诉讼的情况",
    "因政府信息公开申请行政复议及行政诉讼的情况",
    "因政府信息公开申请行政复议和提起行政诉讼情况",
    "因政府信息公开申请提起行政复议、行政诉讼的情况",  # the outline's own (read before, too)
])
def test_a_bare_review_and_litigation_title_in_an_older_wording_heads_section_four(tmp_path, title):
    path = tmp_path / "audit.txt"
    path.write_text(_AUDIT_2011.format(cases=title), encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    assert found[4].title == title
    assert found[4].text == "未发生此类情况。"
    assert "复议" not in found[3].text


def test_a_sentence_naming_review_and_litigation_stays_text(tmp_path):
    """The wordings are titles only as a line of their own: a part saying it had none keeps
    its sentence as text, no new part."""
    text = _AUDIT_2011.format(cases="因政府信息公开申请行政复议和行政诉讼的情况").replace(
        "我局未收取任何费用。",
        "我局未收取任何费用。\n因政府信息公开申请行政复议和行政诉讼的情况均未发生。")
    path = tmp_path / "audit.txt"
    path.write_text(text, encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    assert found[3].text.endswith("行政诉讼的情况均未发生。")


#: A 2016 street office's report as its portal shows it: "第X部分" centred above each title.
_STREET_2016 = """青石街道办事处2016年政府信息公开年度报告
第一部分
概述
街道成立了由办事处主任任组长的公开工作小组，社区公开栏每月更换一次。
第二部分
主动公开政府信息情况
通过区政府网站街道子站公开低保、优抚、拆迁补偿等信息64条，社区公开栏张贴212期。
第三部分
依申请公开政府信息情况
本年度未收到公开申请。
第四部分
政府信息公开收费及减免情况
不收费。
第五部分
因政府信息公开申请行政复议、提起行政诉讼的情况
无。
第六部分
{problems}
部分社区公开栏内容陈旧，群众反映看不懂。下一步街道将把公开栏换成图解形式，每季度检查一次。
第七部分
其他需要报告的事项
无。
"""


@pytest.mark.parametrize("title", [
    "存在的问题和今后工作打算", "存在的不足及改进措施", "存在问题及工作打算", "存在的问题及今后工作打算",
])
def test_a_part_numeral_above_an_unlisted_problems_title_keeps_section_five(tmp_path, title):
    path = tmp_path / "street.txt"
    path.write_text(_STREET_2016.format(problems=title), encoding="utf-8")
    report = load_report(path)
    found = {s.number: s for s in report.sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    assert found[5].title == title
    assert found[4].text == "无。"
    assert "部分" not in found[4].text and title not in found[4].text
    assert found[5].text.startswith("部分社区公开栏")


@pytest.mark.parametrize("below", ["街道将于明年起实施", "本年度共收到各类意见建议12条"])
def test_a_part_numeral_above_a_sentence_joins_nothing(tmp_path, below):
    """A "第六部分" line over a line that is no title (a clause, a row with a figure) is left
    as it was: the reading is the one without the join."""
    path = tmp_path / "street.txt"
    path.write_text(_STREET_2016.format(problems="存在的问题和今后工作打算").replace(
        "第六部分\n存在的问题和今后工作打算", f"第六部分\n{below}"), encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert 5 not in found
    assert below in found[4].text and "部分社区公开栏" in found[4].text
