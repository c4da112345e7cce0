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
    ("概述", "2010年，我局把政府信息公开作为政务公开的重要内容，办公室负责日常工作。"),
    ("主动公开政府信息情况", "全年主动公开信息212条。"),
    ("依申请公开政府信息情况", "全年受理申请6件，同意公开4件，不予公开2件。"),
    ("因政府信息公开申请行政复议、提起行政诉讼的情况", "无。"),
    ("政府信息公开工作存在的主要问题及改进情况", "公开栏目更新不够及时。下一步将落实专人更新。"),
]


@pytest.mark.parametrize("first", ["一、概　　述", "一、概 述", "概　　述", "一、基 本 情 况"])
def test_a_letter_spaced_first_title_is_section_one(tmp_path, first):
    numbered = first[0] == "一"
    lines = ["江城市司法局2010年政府信息公开工作年度报告", first, _PARTS[0][1]]
    for n, (title, body) in zip("二三四五", _PARTS[1:], strict=True):
        lines += [f"{n}、{title}" if numbered else title, body]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_report(path)
    found = {s.number: s for s in report.sections}
    assert sorted(found) == [1, 2, 3, 4, 5]
    assert found[1].text.startswith("2010年，我局") and 1 not in report.missing_sections


def test_only_a_title_spaced_one_character_a_piece_is_closed_up():
    assert section_number("概　　述") == (True, 1)
    assert section_number("其 他") == (True, 6)
    assert section_number("收到 申请 5")[0] is False
