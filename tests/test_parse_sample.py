"""The real scraped sample report (../shared/sample-report-bange-2023.txt), when present.

Decision: the lead-in before 一是 ("…但还存在一些不足和薄弱环节：") is its own statement
(marker None, block of its sub-block), so 五 gives 1 + 3 problems and 3 measures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.report import SECTION_TITLES

SAMPLE = Path(__file__).parents[2] / "shared" / "sample-report-bange-2023.txt"

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="sample report not available")


@pytest.fixture(scope="module")
def report():
    return load_report(SAMPLE)


def test_metadata(report):
    m = report.metadata
    assert (m.agency, m.year, m.level) == ("蚌峨乡人民政府", 2023, "township")
    assert m.published == "2024-01-15"
    assert m.format == "2021"
    assert m.title.endswith("年度报告") and m.title.startswith("蚌峨乡")


def test_six_sections_with_2021_titles(report):
    assert [(s.number, s.title) for s in report.sections] == list(SECTION_TITLES.items())
    assert report.missing_sections == ()
    assert report.section(6).text.rstrip("。") == "无"
    # page chrome (date line, 发布时间 …) stays out of every section
    assert all("发布时间" not in s.text and "阅读次数" not in s.text for s in report.sections)
    # 表三's row labels "一、本年新收…" "四、结转下年度继续办理" are not headings
    assert "结转下年度继续办理" in report.section(3).text


def test_three_problems_three_measures(report):
    st = report.statements
    blocks = [s.block for s in st]
    assert blocks == ["problem"] * 4 + ["measure"] * 3
    assert [s.marker for s in st] == [None, "一是", "二是", "三是", "一是", "二是", "三是"]
    assert st[0].text.endswith("薄弱环节:") or st[0].text.endswith("薄弱环节：")
    assert "身兼数责" in st[1].text and "缺乏主动性" in st[2].text and "公开尺度" in st[3].text
    assert st[4].text.startswith("统一思想认识")  # the bold lead phrase is kept
    assert "AB角" in st[5].text and "宣传" in st[6].text
    # the sub-heading itself never leaks into a statement
    assert not any("下步改进措施" in s.text or "存在的主要问题" in s.text for s in st)


def test_table3_zeros_and_identities_hold(report):
    t3 = report.table("table3")
    assert t3 is not None and t3.status == "ok"
    assert all(v == 0 for row in t3.values for v in row)
    outcomes = {c.id: set() for c in report.checks}
    for c in report.checks:
        outcomes[c.id].add(c.outcome)
    for check_id in ("I1", "I2", "I3", "I4"):
        assert outcomes.get(check_id) == {"pass"}, check_id


def _variant(text: str, how: str) -> str:
    if how == "no_blank_lines":
        return "\n".join(line for line in text.splitlines() if line.strip())
    if how == "crlf_fullwidth":
        return text.replace("(", "（").replace(")", "）").replace("\n", "\r\n")
    if how == "dot_headings":
        for n in "一二三四五六":
            text = text.replace(f"\n{n}、", f"\n{n}．")
        return text
    if how == "bufen_headings":
        for n in "一二三四五六":
            text = text.replace(f"\n{n}、", f"\n第{n}部分 ")
        return text
    raise ValueError(how)


@pytest.mark.parametrize("how", ["no_blank_lines", "crlf_fullwidth", "dot_headings",
                                 "bufen_headings"])
def test_layout_variants_parse_the_same(report, how):
    text = SAMPLE.read_text(encoding="utf-8")
    other = load_report(_variant(text, how).encode("utf-8"), filename="v.txt")
    assert [(s.number, s.title) for s in other.sections] == \
        [(s.number, s.title) for s in report.sections]
    assert [(s.block, s.marker, s.text) for s in other.statements] == \
        [(s.block, s.marker, s.text) for s in report.statements]
    assert (other.metadata.agency, other.metadata.year) == ("蚌峨乡人民政府", 2023)
