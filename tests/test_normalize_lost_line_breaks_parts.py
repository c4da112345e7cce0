"""Copies that lost their line breaks, whose sections are numbered "第一部分 总体情况" (older
layouts, some provinces, schools): the breaks are put back before such headings as before
"一、总体情况", never before one named inside a sentence.

Fixtures: six reports (county, township, bureau, district, city 2014 in the old seven-part
layout, a college) joined by a blank, nothing, an ideographic space, NBSP, two blanks, or with
paragraphs kept and headings glued to the sentence before; 第X部分 followed by a blank, "：",
"、" or nothing. Each must read as its twin numbered "一、" does, which this repair already
handled.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nlp_reports.ingest.linebreaks import lost_line_breaks, restore_line_breaks
from nlp_reports.parse import load_report

FIX = Path(__file__).parent / "fixtures" / "lost_line_breaks"
PARTS = sorted(p.name for p in FIX.glob("*_part_*.txt"))


def _numbered_dun(text: str) -> str:
    """The same report with its headings numbered "二、" instead of "第二部分 "."""
    return re.sub(r"(?<!本报告)(?<!和)第([一二三四五六七八九])部分[ \u3000\u00a0：、]?", r"\1、", text)


def _read(report) -> tuple:
    """Sections (a heading kept inside a part, as 2014's 收费 part is, renumbered like the
    twin's), statements and agency and year."""
    return ([(s.number, s.title, _numbered_dun(s.text)) for s in report.sections],
            [(s.block, s.text) for s in report.statements],
            (report.metadata.agency, report.metadata.year))


def test_six_fixtures():
    assert len(PARTS) == 6


@pytest.mark.parametrize("name", PARTS)
def test_parts_layout_reads_as_its_dun_numbered_twin(name):
    text = (FIX / name).read_text(encoding="utf-8")
    r = load_report(text)
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert r.statements
    assert not any(p.code == "no_headings" for p in r.errors)
    assert _read(r) == _read(load_report(_numbered_dun(text)))


def test_a_part_named_inside_a_sentence_is_no_heading():
    r = load_report(FIX / "county_2023_part_spaces.txt")
    one = next(s for s in r.sections if s.number == 1)
    assert one.text.endswith("各项数据详见本报告第二部分主动公开政府信息情况和第三部分收到和处理政府"
                             "信息公开申请情况。")
    assert [s.block for s in r.statements] == [
        "problem", "problem", "measure", "measure"]


def test_glued_part_heading_opens_the_gate_and_a_kept_layout_is_unchanged():
    glued = (FIX / "bureau_2021_part_glued.txt").read_text(encoding="utf-8")
    assert lost_line_breaks(glued)
    kept = restore_line_breaks(glued).replace("\n\n", "\n")
    assert not lost_line_breaks(kept)
    assert restore_line_breaks(kept) == kept
