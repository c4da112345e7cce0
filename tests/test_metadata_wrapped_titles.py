"""A report title wrapped over lines (in text and in a .docx) gives the agency and year,
lines above a title are not joined to it, and a title printed twice above the date line
still lets the date be found. Inputs are invented reports."""

from __future__ import annotations

import io
import re

import pytest
from _report_text import BODY

from nlp_reports.parse import load_report

# ---------------------------------------------------------------- 1. a title wrapped over lines

@pytest.mark.parametrize("head", [
    "云岭市自然资源\n和规划局2023年政府信息公开工作年度报告",  # the break inside the agency
    "云岭市自然资源和规划局2023年\n政府信息公开工作年度报告",
    "云岭市自然资源和规划局2023年政府信息\n公开工作年度报告",
    "云岭市自然资源和规划局\n2023年政府信息公开\n工作年度报告",  # three lines
    "云岭市\n自然资源和规划局\n2023年度政府信息公开工作年度报告",
    "  云岭市自然资源和规划局\n  2023年度政府信息公开工作\n  年度报告  ",  # centred
])
def test_wrapped_title_gives_agency_and_year(head: str) -> None:
    m = load_report(head + "\n" + BODY).metadata
    assert m.agency == "云岭市自然资源和规划局"
    assert m.year == 2023
    assert m.region == "云岭市"
    assert m.title == re.sub(r"\s+", "", head)


def test_wrapped_title_in_docx() -> None:
    docx = pytest.importorskip("docx")
    for split_by_break in (False, True):
        d = docx.Document()
        if split_by_break:  # one centred paragraph broken by a line break
            d.add_paragraph().add_run("柳岸县交通").add_break()
            d.paragraphs[0].add_run("运输局2022年政府信息公开工作年度报告")
        else:
            d.add_paragraph("柳岸县交通运输局2022年")
            d.add_paragraph("政府信息公开工作年度报告")
        for line in BODY.strip().split("\n"):
            d.add_paragraph(line)
        buf = io.BytesIO()
        d.save(buf)
        m = load_report(buf.getvalue(), filename="r.docx").metadata
        assert (m.agency, m.year, m.level) == ("柳岸县交通运输局", 2022, "department")


@pytest.mark.parametrize(("head", "agency"), [
    # a site's name, a column's name or a sentence above a title is not part of it
    ("柳岸县人民政府门户网站\n2023年政府信息公开工作年度报告", None),
    ("政务公开专栏\n2023年政府信息公开工作年度报告", None),
    ("政府信息公开\n2023年政府信息公开工作年度报告", None),
    ("本报告由本局编制。\n2023年政府信息公开工作年度报告", None),
    # a title read whole on its line stays as it is
    ("政府信息公开年报\n柳岸县财政局2023年政府信息公开工作年度报告", "柳岸县财政局"),
    ("柳岸县人民政府\n柳岸县财政局2023年政府信息公开工作年度报告", "柳岸县财政局"),
    ("国家统计局\n国家统计局2023年政府信息公开工作年度报告", "国家统计局"),
])
def test_lines_above_a_title_not_joined(head: str, agency: str | None) -> None:
    m = load_report(head + "\n" + BODY).metadata
    assert m.agency == agency
    assert m.title == head.split("\n")[1]


# ------------------------------------------------- 2. the title twice above the date line

TITLE = "柳岸县财政局2023年政府信息公开工作年度报告"


@pytest.mark.parametrize("head", [
    f"{TITLE}\n{TITLE}\n发布时间：2024-01-18 09:30  来源：柳岸县财政局",  # <title> and <h1>
    f"{TITLE}\n\n  {TITLE}  \n发布日期：2024年01月18日\n字号：大 中 小",
    f"{TITLE}\n柳岸县财政局2023年政府信息\n公开工作年度报告\n发布时间：2024-01-18",  # <h1> wrapped
    f"{TITLE}\n首页 > 政务公开 > 年报\n{TITLE}\n发布时间：2024-01-18",  # a breadcrumb between
])
def test_published_found_below_a_repeated_title(head: str) -> None:
    r = load_report(head + "\n" + BODY)
    assert r.metadata.published == "2024-01-18"
    assert r.metadata.title == TITLE
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
