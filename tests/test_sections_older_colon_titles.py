"""Some older reports (2008–2018) write every part as its title, a colon and its text on one
line, without numerals: "概述：2013年，…", "依申请公开政府信息情况：全年受理申请6件，…". Only a
title alone on its line was read without a numeral, so such a report had no heading at all
(no_headings; its figures and statements lost). A colon also opens the clauses of a summary
inside a part ("主动公开情况：…；依申请公开情况：…"): those lines are headings only when they
give more parts than the titles on their own lines do.

The report texts are fictional, written for these tests.
"""

from __future__ import annotations

from nlp_reports.parse.load import load_report

_TEXT = """青禾省审计厅2013年度政府信息公开工作报告
概述：2013年，厅办公室牵头做好政府信息公开，审计结果公告全年发布6期。
主动公开政府信息情况：全年主动公开信息418条，包括审计结果公告、审计工作动态和人事信息。
依申请公开政府信息情况：全年受理申请6件，同意公开4件，部分公开1件，不予公开1件。
政府信息公开的收费及减免情况：未收取费用。
因政府信息公开申请行政复议、提起行政诉讼的情况：无。
政府信息公开工作存在的主要问题及改进情况：审计结果公告的范围还不够广。今后我厅将扩大审计结果公告范围。
其他需要报告的事项：无。
"""

_SHORT = """石门镇人民政府2012年度政府信息公开工作报告
概述：2012年，镇党政办落实专人负责政府信息公开，镇村两级公开栏按季度更新。
主动公开情况：全年主动公开信息168条，主要是惠农补贴发放和村级财务收支。
依申请公开情况：全年收到群众申请4件，同意公开3件，不予公开1件。
行政复议、行政诉讼情况：无。
存在的问题和改进措施：
村级公开栏内容陈旧，群众查阅不便。下一步，我镇将把公开栏更新纳入村干部考核。
"""


def test_titles_with_their_text_after_a_colon_are_headings(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(_TEXT, encoding="utf-8")
    report = load_report(path)
    found = {s.number: s for s in report.sections}
    assert sorted(found) == [1, 2, 3, 4, 5, 6] and not report.missing_sections
    assert found[1].title == "概述" and found[1].text.startswith("2013年，厅办公室")
    assert found[3].title == "依申请公开政府信息情况" and "同意公开4件" in found[3].text
    assert "未收取费用" in found[3].text  # (the fee part is stored in section 三)
    assert found[4].text == "无。"
    assert [(s.text, s.block) for s in report.statements] == [
        ("审计结果公告的范围还不够广。", "problem"), ("今后我厅将扩大审计结果公告范围。", "measure")]


def test_short_titles_with_a_colon_beside_a_bare_one(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(_SHORT, encoding="utf-8")
    report = load_report(path)
    found = {s.number: s for s in report.sections}
    assert sorted(found) == [1, 2, 3, 4, 5]
    assert found[2].title == "主动公开情况" and "惠农补贴" in found[2].text
    assert "惠农补贴" not in found[1].text


def test_a_summary_with_colon_clauses_under_bare_titles_stays_text(tmp_path):
    # titles on their own lines; 概述 sums the parts up in colon clauses: they head nothing
    text = """青禾县水务局2015年度政府信息公开工作报告
概述
2015年，我局政府信息公开工作总体平稳。
主动公开情况：全年公开信息96条；依申请公开情况：收到申请2件。
主动公开政府信息情况
全年在县政府网站公开水利项目和防汛信息96条。
依申请公开政府信息情况
全年收到申请2件，均同意公开。
存在的主要问题及改进情况
信息更新不够及时。今后将每月更新。
"""
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert found[1].title == "概述" and "主动公开情况：全年公开信息96条" in found[1].text
    assert found[2].title == "主动公开政府信息情况"
    assert found[2].text.startswith("全年在县政府网站")


def test_a_colon_clause_naming_a_part_the_outline_lacks_takes_no_part(tmp_path):
    # bare titles without a 复议诉讼 part; 概述 sums up in colon clauses, one of them on the
    # cases: the clauses gave one part more than the bare titles, were taken instead, and
    # 主动公开 and 依申请公开 fell into the cases clause's section
    text = """北川县民政局2013年政府信息公开工作年度报告
概述
2013年，我局认真贯彻《条例》，各项公开工作有序开展，现将总体情况报告如下。
主动公开情况：全年主动公开各类信息168条。
依申请公开情况：收到群众申请4件，均已按时答复。
行政复议、行政诉讼情况：无。
主动公开政府信息情况
全年通过县政府门户网站公开低保、救灾资金发放信息168条，低保名册按季度更新。
依申请公开政府信息情况
全年收到申请4件，同意公开3件，不予公开1件。
存在的主要问题及改进措施
乡镇民政所公开栏更新不够及时。下一步，我局将督促各乡镇按月更新。
"""
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert found[2].title == "主动公开政府信息情况" and found[2].text.startswith("全年通过县政府")
    assert found[3].title == "依申请公开政府信息情况"
    assert 4 not in found
    assert "行政复议、行政诉讼情况：无。" in found[1].text
