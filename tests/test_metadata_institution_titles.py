"""Titles naming a hospital's or a school's own disclosure, and pages printing two years.
Fixtures in tests/fixtures/parse14c/ are short fictional reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.errors import NotAReportError
from nlp_reports.ingest import read_document
from nlp_reports.parse import metadata as meta

DATA = Path(__file__).parent / "fixtures" / "parse14c"


# --- 1. 院务公开 / 校务公开 / 院务（政府）信息公开 titles name their agency ------------------

@pytest.mark.parametrize("title, agency, year", [
    ("南江市第二人民医院2023年度院务（政府）信息公开工作年度报告", "南江市第二人民医院", 2023),
    ("柳川县妇幼保健院2024年院务公开工作年度报告", "柳川县妇幼保健院", 2024),
    ("2022年云台县中医医院院务公开工作年度报告", "云台县中医医院", 2022),
    ("青溪师范学院2022-2023学年校务公开工作年度报告", "青溪师范学院", 2023),
])
def test_hospital_and_school_disclosure_titles_name_the_agency(title, agency, year):
    assert meta.agency_and_year(title) == (agency, year)


def test_a_party_or_village_disclosure_title_is_not_read_as_one():
    # 党务公开 / 村务公开 are other kinds of disclosure: no agency read from such a title
    assert meta.agency_and_year("某村2023年度村务公开工作报告")[0] is None


def test_school_title_over_two_lines_without_a_signed_name():
    r = load_report(DATA / "zhongxue_xiaowu_two_lines.txt")
    m = r.metadata
    assert (m.title, m.agency, m.year) == ("云台县第一中学2023年度校务公开工作年度报告",
                                           "云台县第一中学", 2023)
    assert m.region == "云台县" and m.level is None  # a school has no level


def test_hospital_yuanwu_title_closing_without_signature():
    m = load_report(DATA / "fuyou_yuanwu_one_line.txt").metadata
    assert (m.agency, m.year, m.region) == ("柳川县妇幼保健院", 2024, "柳川县")


def test_hospital_yuanwu_zhengfu_title_over_two_lines():
    m = load_report(Path(__file__).parent / "fixtures" / "parse14b"
                    / "yiyuan_closing_after_six.txt").metadata
    assert (m.agency, m.year) == ("南江市第二人民医院", 2023)


# --- 2. a saved page printing two years' reports in full is refused as a compilation -------

def _page_text() -> str:
    return read_document(DATA / "jiedao_page_two_years.html").text


def test_page_printing_two_years_reports_is_refused_saying_what_to_do():
    # the page's <h1> names 2023; its first report (2022's) sits under it with no title line
    with pytest.raises(NotAReportError, match=r"compilation of 2 reports \(2022 \(no title line\); "
                                              r"桂园街道办事处 2023\)") as err:
        load_report(DATA / "jiedao_page_two_years.html")
    assert "save each report's own page" in str(err.value)


def test_one_title_over_two_years_reports_is_refused():
    # the page title kept above the first report, the same title above the second
    text = _page_text()
    title = "桂园街道办事处2023年政府信息公开工作年度报告"
    with pytest.raises(NotAReportError, match=r"\(桂园街道办事处 2022; 桂园街道办事处 2023\)"):
        load_report(title + "\n" + text)


def test_one_report_printed_twice_is_still_read():
    # a page's two copies of one report (screen and print views) are one report
    text = _page_text()
    second = text[text.index("桂园街道办事处2023年政府信息公开"):]
    r = load_report(second + "\n" + second)
    assert (r.metadata.agency, r.metadata.year) == ("桂园街道办事处", 2023)
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]


# --- 3. one definition of a page's date line (HTML reader, sections' head, metadata) -------

def test_update_time_is_the_page_date_when_nothing_else_dates_the_report():
    m = load_report(DATA / "zhen_gengxin_shijian.html").metadata
    assert (m.published, m.published_from) == ("2025-01-14", "page")


def test_square_bracketed_key_as_the_html_reader_keeps_it_is_read():
    m = load_report(DATA / "shuili_square_bracket_date.txt").metadata
    assert (m.published, m.published_from) == ("2025-01-10", "page")


@pytest.mark.parametrize("line", [
    "发布时间:2025-01-10",
    "来源：临河县水利局 发布日期：2025-01-10 浏览次数：",
    "[发布时间]2025-01-10",
    "【发布时间】2025-01-10",
    "更新时间：2025-01-10 09:12",
])
def test_every_page_date_line_the_html_reader_keeps_is_read(line):
    from nlp_reports.ingest import html

    assert html._PUBLISHED.search(line)
    assert meta.publication(line, None, 2024)[:2] == ("2025-01-10", "2025-01-10")


def test_an_edit_after_publication_does_not_date_a_signed_report():
    # 更新时间 is the last edit: the signature's date stands, and a 发布时间 still comes first
    assert meta.publication("更新时间：2025-03-10", "2025年1月20日", 2024)[0::3] == (
        "2025-01-20", "signature")
    assert meta.publication("发布时间：2025-01-22 更新时间：2025-03-10", "2025年1月20日",
                            2024)[0::3] == ("2025-01-22", "page")


def test_a_date_of_another_key_is_not_the_page_date():
    assert meta.publication("办理日期：2025-01-22", None, 2024)[0] is None
