"""Headings → sections: variants, false headings, legacy layouts, chrome, order."""

from __future__ import annotations

import pytest

from nlp_reports.parse.headings import block_of, section_number
from nlp_reports.parse.sections import analyse


def sections(text: str):
    layout = analyse(text)
    return [(s.number, text[s.title_start:s.title_end], text[s.body_start:s.body_end].strip())
            for s in layout.sections], layout


@pytest.mark.parametrize(("title", "number"), [
    ("总体情况", 1), ("概述", 1), ("主动公开政府信息情况", 2), ("依申请公开政府信息情况", 3),
    ("收到和处理政府信息公开申请情况", 3), ("政府信息公开的收费及减免情况", 3),
    ("政府信息公开行政复议、行政诉讼情况", 4), ("因政府信息公开工作被申请行政复议、提起行政诉讼情况", 4),
    ("存在的主要问题及改进情况", 5), ("存在问题及改进情况", 5), ("存在的主要问题和改进情况", 5),
    ("政府信息公开工作存在的主要问题及改进情况", 5), ("今后工作打算", 5), ("改进措施", 5),
    ("其他需要报告的事项", 6),
])
def test_heading_table(title, number):
    assert section_number(title) == (True, number)


@pytest.mark.parametrize("title", ["本年新收政府信息公开申请数量", "本年度办理结果",
                                   "结转下年度继续办理", "上年结转政府信息公开申请数量"])
def test_table3_row_labels_are_not_headings(title):
    assert section_number(title)[0] is False


@pytest.mark.parametrize(("phrase", "block"), [
    ("存在的主要问题", "problem"), ("主要问题", "problem"), ("存在的主要问题和困难", "problem"),
    ("下步改进措施", "measure"), ("改进情况", "measure"), ("解决办法和改进措施", "measure"),
    ("下一步工作打算", "measure"), ("努力方向", "measure"), ("今后工作打算", "measure"),
    ("2024年工作中存在问题的改进情况", "measure"), ("2025年工作中存在的主要问题", "problem"),
    ("存在的主要问题及改进措施", "unknown"), ("加强组织领导", None),
])
def test_sub_block_headings(phrase, block):
    assert block_of(phrase) == block


@pytest.mark.parametrize("style", ["一、{}", "一.{}", "一 {}", "第一部分 {}", "第一部分：{}"])
def test_heading_styles(style):
    titles = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况"]
    numerals = "一二三"
    text = "\n".join(style.replace("一", n, 1).format(t) + "\n正文" + n
                     for n, t in zip(numerals, titles, strict=True))
    got, _ = sections(text)
    assert [(n, t, b) for n, t, b in got] == [(1, titles[0], "正文一"), (2, titles[1], "正文二"),
                                              (3, titles[2], "正文三")]


def test_numbers_never_go_backwards():
    text = ("一、总体情况\n甲\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n"
            "二、主动公开政府信息情况\n四、政府信息公开行政复议、行政诉讼情况\n乙")
    got, _ = sections(text)
    assert [n for n, _, _ in got] == [1, 3, 4]
    assert "二、主动公开政府信息情况" in got[1][2]


def test_aligned_table_row_is_not_a_heading():
    text = "三、收到和处理政府信息公开申请情况\n四、结转下年度继续办理 0 0 0 0 0 0 0\n"
    got, _ = sections(text)
    assert [n for n, _, _ in got] == [3]


def test_unmapped_heading_is_folded_into_the_previous_section():
    text = "一、概述\n甲\n二、机构设置、保障经费和培训会议情况\n乙\n三、其他需要报告的事项\n丙"
    got, layout = sections(text)
    assert [n for n, _, _ in got] == [1, 6]
    assert "乙" in got[0][2]
    assert layout.folded == ("机构设置、保障经费和培训会议情况",)


def test_two_old_headings_feed_section_five():
    text = "五、存在的主要问题\n甲\n六、改进措施\n乙\n七、其他需要报告的事项\n丙"
    got, _ = sections(text)
    assert [(n, t) for n, t, _ in got] == [(5, "存在的主要问题"), (6, "其他需要报告的事项")]
    assert got[0][2] == "甲\n六、改进措施\n乙"


def test_unnumbered_titles_are_found_when_nothing_is_numbered():
    text = "总体情况\n甲\n主动公开政府信息情况\n乙\n其他需要报告的事项\n丙"
    got, _ = sections(text)
    assert [(n, b) for n, _, b in got] == [(1, "甲"), (2, "乙"), (6, "丙")]


def test_chrome_around_the_report():
    text = ("首页 > 政务公开 > 年报\n某某县人民政府2023年政府信息公开工作年度报告\n"
            "发布时间：2024-01-10 来源：县政府办\n前言。\n一、总体情况\n甲\n六、其他需要报告的事项\n无。\n"
            "某某县人民政府\n2024年1月10日\n【打印本页】【关闭窗口】\n主办单位：某某县人民政府")
    got, layout = sections(text)
    assert text[layout.title_span[0]:layout.title_span[1]].startswith("某某县人民政府2023年")
    assert got[-1][2] == "无。"
    assert [text[a:b] for a, b in layout.unsectioned] == ["前言。\n"]
    assert text[layout.date_span[0]:layout.date_span[1]] == "2024年1月10日"


def test_run_in_title_with_the_body_on_the_same_line():
    text = ("一、总体情况2023年，本县公开信息100条，收到申请2件。\n"
            "二、主动公开政府信息情况\n表\n五、存在的主要问题及改进情况：一是甲；二是乙。")
    got, _ = sections(text)
    assert [(n, t) for n, t, _ in got] == [(1, "总体情况"), (2, "主动公开政府信息情况"),
                                           (5, "存在的主要问题及改进情况")]
    assert got[0][2].startswith("2023年，本县")
    assert got[2][2] == "一是甲；二是乙。"


def test_a_long_sentence_starting_with_a_numeral_is_not_a_heading():
    text = "一、总体情况\n甲\n二、主动公开方面，我们发布了大量信息，群众满意度较高，今后还要继续努力。"
    got, _ = sections(text)
    assert [n for n, _, _ in got] == [1]


def test_bracketed_top_level_headings_when_nothing_else_is_numbered():
    text = "(一)总体情况\n甲\n(二)主动公开政府信息情况\n乙\n(六)其他需要报告的事项\n无。"
    got, _ = sections(text)
    assert [(n, b) for n, _, b in got] == [(1, "甲"), (2, "乙"), (6, "无。")]


def test_bracketed_subheadings_inside_numbered_sections_are_not_headings():
    text = "一、总体情况\n(一)主动公开情况\n甲\n(五)其他需要报告的事项\n乙\n二、主动公开政府信息情况\n丙"
    got, _ = sections(text)
    assert [(n, t) for n, t, _ in got] == [(1, "总体情况"), (2, "主动公开政府信息情况")]


@pytest.mark.parametrize("subs", [
    "(一)主动公开。全年主动公开政府信息100条。\n(二)依申请公开。全年共收到申请5件。\n",
    "(一)主动公开\n全年主动公开政府信息100条。\n(二)依申请公开\n全年共收到申请5件。\n",
    "主动公开\n全年主动公开政府信息100条。\n依申请公开\n全年共收到申请5件。\n",
])
def test_report_cut_off_after_section_one_keeps_it_and_its_sub_items(subs):
    """Bug B1: with only 一、总体情况 present, its sub-items are not promoted to 二/三."""
    text = "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年,全县推进政务公开。\n" + subs
    got, _ = sections(text)
    assert [(n, t) for n, t, _ in got] == [(1, "总体情况")]
    assert got[0][2].endswith("全年共收到申请5件。")


def test_full_titles_that_lost_their_numerals_after_a_numbered_one_are_headings():
    text = ("一、总体情况\n甲。\n(一)主动公开\n乙。\n主动公开政府信息情况\n丙。\n"
            "收到和处理政府信息公开申请情况\n丁。\n")
    got, _ = sections(text)
    assert [(n, t, b) for n, t, b in got] == [
        (1, "总体情况", "甲。\n(一)主动公开\n乙。"), (2, "主动公开政府信息情况", "丙。"),
        (3, "收到和处理政府信息公开申请情况", "丁。")]


def test_report_cut_off_after_section_one_lists_the_missing_sections():
    from nlp_reports import load_report

    text = ("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年,全县推进政务公开。\n"
            "(一)主动公开。全年主动公开政府信息100条。\n(二)依申请公开。全年共收到申请5件。\n")
    report = load_report(text)
    assert [s.number for s in report.sections] == [1]
    assert report.missing_sections == (2, 3, 4, 5, 6)
    assert sum(p.code == "missing_section" for p in report.errors) == 5


def test_title_broken_after_the_agency_spans_both_lines():
    text = "某县人民政府\n2023年政府信息公开工作年度报告\n一、总体情况\n甲\n二、主动公开政府信息情况\n乙"
    _, layout = sections(text)
    assert text[layout.title_span[0]:layout.title_span[1]] == \
        "某县人民政府\n2023年政府信息公开工作年度报告"
    # a date line above a one-line title is not part of it
    text = "2024年1月2日\n某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n甲"
    _, layout = sections(text)
    assert text[layout.title_span[0]:layout.title_span[1]].startswith("某县")


@pytest.mark.parametrize(("title", "number"), [
    ("政府信息公开工作概述", 1), ("基本情况", 1), ("主动公开政府信息的情况", 2),
    ("依申请公开政府信息和不予公开政府信息的情况", 3),
    ("因政府信息公开申请提起行政复议、行政诉讼的情况", 4), ("存在的不足及改进措施", 5),
    ("下一步工作打算", 5), ("2013年工作计划", 5), ("今后努力方向", 5), ("其他", 6),
    ("其他事项", 6), ("政府信息公开工作的组织领导和制度建设情况", None),
])
def test_legacy_heading_variants(title, number):
    assert section_number(title) == (True, number)


@pytest.mark.parametrize("title", ["存在的问题及改进措施", "存在的不足和下一步工作打算",
                                   "存在的主要问题及改进情况"])
def test_older_unnumbered_section_5_after_a_numbered_first_section(title):
    # "一、概述" numbered, the later headings written without numerals (older reports)
    text = f"一、概述\n全年公开信息。\n{title}\n人员不足。\n其他需要报告的事项\n无。"
    got, _ = sections(text)
    assert [(n, t) for n, t, _ in got] == [(1, "概述"), (5, title), (6, "其他需要报告的事项")]
    # a numbered sub-heading or a short phrase after "一、" stays inside its section
    got, _ = sections("一、总体情况\n甲\n（一）存在的主要问题及改进措施\n乙\n改进措施\n丙")
    assert [n for n, _, _ in got] == [1]
