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
