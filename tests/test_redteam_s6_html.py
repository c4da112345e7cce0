"""Red-team s6: pages saved from real government-site CMS families (TRS/WCM, 集约化平台,
UEditor, layout tables), WPS .docx and older layouts, against facts written by hand.

The fixtures are built by tests/data/redteam_s6/_make.py; every expected value below was
written from the report as a reader sees it, not from the parser's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

DATA = Path(__file__).parent / "data" / "redteam_s6"
TITLE = "松岭市白沙区人民政府2022年政府信息公开工作年度报告"

#: the 2022 report every CMS page below carries, as a reader sees it
PROBLEM_STARTS = ("部分街道", "政策解读", "依申请公")
MEASURE_STARTS = ("建立栏目", "丰富解读", "制定答复")


def _check_full_report(r, *, identities: bool = True) -> None:
    m = r.metadata
    assert (m.title, m.agency, m.year, m.level) == (TITLE, "松岭市白沙区人民政府", 2022, "county")
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert [(s.block, s.text[:4]) for s in r.statements] == (
        [("problem", t) for t in PROBLEM_STARTS] + [("measure", t) for t in MEASURE_STARTS])
    t3, t4 = r.table("table3"), r.table("table4")
    assert t3.status == "ok" and t4.status == "ok"
    assert t3.get("1", "total") == 48 and t3.get("3.4.1", "natural_person") == 8
    assert t3.get("3.7", "total") == 46 and t3.get("4", "commercial") == 1
    assert t4.get("count", "review.total") == 2
    assert t4.get("count", "litigation_after_review.pending") == 1
    assert r.table("table2.5").get("licensing", "decisions") == 1325
    assert r.table("table2.1").get("normative_documents", "in_force") == 41
    if identities:
        outcomes = {c.outcome for c in r.checks if c.id in ("I1", "I2", "I3", "I4")}
        assert outcomes == {"pass"}


@pytest.mark.parametrize("name", [
    "trs_editor.html", "trs_ueditor.html", "jiyue_zoom.html", "layout_td.html",
    "fullwidth_digits.html", "t3_split_tables.html", "gbk_declared_utf8.html",
    "br_paragraphs.html", "t4_header_pattern2.html", "t2_four_tables.html", "thead_th.html",
    "wps_export.docx",
])
def test_cms_pages_read_whole(name):
    _check_full_report(load_report(DATA / name))


def test_section_headings_in_h3_are_no_title():
    # 集约化 page: div.article-title holds the title, the section headings are <h3>;
    # "六、其他需要报告的事项" names a 报告 but is a section heading, not the page title
    r = load_report(DATA / "article_content.html")
    _check_full_report(r)
    assert r.section(6).title == "其他需要报告的事项"
