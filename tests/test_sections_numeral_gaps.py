"""Sections: a heading numeral written twice, and a TAB or a run of spaces after the numeral."""

from __future__ import annotations

import pytest

from nlp_reports.parse import load_report
from nlp_reports.parse.sections import analyse

TITLES = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
          "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项")
BODIES = ("全年主动公开信息甲条。", "本年制发规范性文件乙件。", "本年新收申请丙件。",
          "本年无行政复议丁案。", "一是专栏更新不及时。\n二是解读形式单一。",
          "本年未收取信息处理费戊元。")


def report_text(numerals: str, gap: str = "、") -> str:
    """A small report whose headings are written with ``numerals`` (one a section)."""
    lines = ["青禾县人民政府2023年政府信息公开工作年度报告"]
    for n, title, body in zip(numerals, TITLES, BODIES, strict=True):
        lines += [f"{n}{gap}{title}", body]
    return "\n".join(lines) + "\n"


def assert_each_body_once(report) -> None:
    """Every section body is in exactly one section's text (nothing lost, nothing doubled)."""
    texts = [s.text for s in report.sections]
    for body in BODIES:
        first_line = body.split("\n")[0]
        assert sum(t.count(first_line) for t in texts) == 1, first_line


@pytest.mark.parametrize("numerals", [
    "一二三四四六",  # 五 written 四
    "一二三四五五",  # 六 written 五
    "一二三三四五",  # 四 written 三, the rest shifted
    "一一二三四五",  # every numeral after the first one behind
])
def test_a_repeated_numeral_still_opens_the_later_section(numerals):
    report = load_report(report_text(numerals))
    assert [(s.number, s.title) for s in report.sections] == list(enumerate(TITLES, 1))
    assert [s.text for s in report.sections] == list(BODIES)
    assert_each_body_once(report)
    assert not [p for p in report.errors if p.code == "missing_section"]
    # section 五's statements are its own two items, not section 六's text
    assert [s.text for s in report.statements] == ["专栏更新不及时。", "解读形式单一。"]


def test_two_old_headings_of_one_section_stay_one_section():
    text = ("柳岸县2013年政府信息公开工作年度报告\n一、概述\n本年公开信息甲条。\n"
            "五、存在的主要问题\n专栏更新慢。\n五、改进措施\n加快更新。\n六、其他需要报告的事项\n无。\n")
    report = load_report(text)
    assert [s.number for s in report.sections] == [1, 5, 6]
    s5 = report.sections[1]
    assert s5.title == "存在的主要问题"
    assert s5.text == "专栏更新慢。\n五、改进措施\n加快更新。"
    assert report.sections[2].text == "无。"


def test_a_repeated_numeral_of_a_table_row_label_is_no_heading():
    # 表三's "四、结转下年度继续办理" after "四、…复议…" is no section of its own
    text = ("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t3\n"
            "四、结转下年度继续办理\t0\n四、政府信息公开行政复议、行政诉讼情况\n无复议。\n"
            "四、结转下年度继续办理\t0\n五、存在的主要问题及改进情况\n无。\n")
    layout = analyse(text)
    got = [(s.number, text[s.title_start:s.title_end]) for s in layout.sections]
    assert got == [(3, "收到和处理政府信息公开申请情况"), (4, "政府信息公开行政复议、行政诉讼情况"),
                   (5, "存在的主要问题及改进情况")]


@pytest.mark.parametrize("gap", [
    "、\t", "、\u3000", "、 ", "、    ", "、\t\t\t\t", "、 \t \t", "\t", "\t\t\t\t", "\u3000\u3000",
    "      ", " 、", "\u3000、", ".\t", "．\u3000\u3000",
])
def test_a_tab_or_spaces_between_numeral_and_title(gap):
    text = report_text("一二三四五六", gap)
    layout = analyse(text)
    assert [(s.number, text[s.title_start:s.title_end]) for s in layout.sections] == \
        list(enumerate(TITLES, 1))
    report = load_report(text)
    assert [(s.number, s.title) for s in report.sections] == list(enumerate(TITLES, 1))
    assert [s.text for s in report.sections] == list(BODIES)
    assert len(report.statements) == 2


@pytest.mark.parametrize("line", [
    "五、\t存在的主要问题及改进情况", "五、\u3000存在的主要问题及改进情况", "五、   存在的主要问题及改进情况",
    "第五部分\t存在的主要问题及改进情况", "第五部分：\t存在的主要问题及改进情况",
])
def test_a_single_heading_with_a_gap_is_found(line):
    text = f"一、总体情况\n甲。\n{line}\n乙。\n"
    layout = analyse(text)
    assert [(s.number, text[s.title_start:s.title_end]) for s in layout.sections] == \
        [(1, "总体情况"), (5, "存在的主要问题及改进情况")]
