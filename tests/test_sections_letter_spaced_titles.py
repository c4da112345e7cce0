"""A short part title letter-spaced, as Word centres it and older reports (2008–2018) print
it: "一、概　　述", "概 述", "基 本 情 况". The blanks kept the title from every known one, so the
part was no section: 概述's text stood before the first heading and section 一 was reported
missing. Only a title whose every piece is one character is read closed up.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from nlp_reports.parse.headings import section_number
from nlp_reports.parse.load import load_report

_PARTS = [
    ("概述", "2009年我乡政府信息公开工作在县政务公开办的指导下开展，乡党政办具体承办，"
             "明确一名干事兼管。"),
    ("主动公开政府信息的情况", "通过村务公开栏、乡政府公告栏和县政府网站乡镇子站公开低保、"
                             "新农合、危房改造补助等信息87条。"),
    ("依申请公开政府信息和不予公开政府信息的情况", "全年群众来乡查询3人次，均当场提供，无书面申请。"),
    ("因政府信息公开申请提起行政复议、行政诉讼的情况", "本年度没有发生。"),
    ("存在的不足和下一年度工作打算", "一是公开栏内容偏少，二是村级公开不够规范。"
                                   "明年要把村务公开栏纳入村干部考核。"),
]


@pytest.mark.parametrize("first", ["一、概　　述", "一、概 述", "概　　述", "一、基 本 情 况"])
def test_a_letter_spaced_first_title_is_section_one(tmp_path, first):
    numbered = first[0] == "一"
    lines = ["柳溪乡人民政府2009年度政府信息公开工作报告", first, _PARTS[0][1]]
    for n, (title, body) in zip("二三四五", _PARTS[1:], strict=True):
        lines += [f"{n}、{title}" if numbered else title, body]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_report(path)
    found = {s.number: s for s in report.sections}
    assert sorted(found) == [1, 2, 3, 4, 5]
    assert found[1].text.startswith("2009年我乡") and 1 not in report.missing_sections


def test_only_a_title_spaced_one_character_a_piece_is_closed_up():
    assert section_number("概　　述") == (True, 1)
    assert section_number("其 他") == (True, 6)
    assert section_number("收到 申请 5")[0] is False
