"""PDFs exported by a real office suite (LibreOffice 7, Writer → .docx → PDF), read like
their HTML sources.

The files under tests/data/office_s6/ were made with LibreOffice from the .html beside each
(``soffice``: HTML → .docx → PDF, via UNO for the page setup); the tests compare what
:func:`load_report` reads from the PDF with what it reads from the HTML source, so they need
neither LibreOffice nor hard-coded outputs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

DATA = Path(__file__).parent / "data" / "office_s6"


def test_office_spacing_between_chinese_and_digits_is_not_a_space() -> None:
    """LibreOffice sets '2021' ≈0.2 em apart from the Chinese around it (no space character);
    in the 24 pt title that gap passed pdfplumber's 3 pt tolerance and the title read
    '溪山县人民政府 2021 年…'. A typed space ('2022-01-20 来源') stays."""
    pytest.importorskip("pdfplumber")
    from nlp_reports.ingest import read_document

    source = load_report(DATA / "title_autospace.html")
    report = load_report(DATA / "title_autospace.pdf")
    assert report.metadata.title == source.metadata.title
    assert report.metadata.title is not None and " " not in report.metadata.title
    text = read_document(DATA / "title_autospace.pdf").text
    assert "发布日期:2022-01-20 来源:县政府" in text


def test_office_header_of_a_two_page_report_is_dropped() -> None:
    """A two-page report with a page header (页眉) repeated on page 2: the header line stayed
    in the text, inside the sentence that runs over the page break, so a statement of section
    五 read '…不够到溪山县人民政府信息公开位，…'. Running heads were only looked for from 3 pages."""
    pytest.importorskip("pdfplumber")
    from nlp_reports.ingest import read_document

    header = "溪山县人民政府信息公开"
    lines = read_document(DATA / "wrapped_items.pdf").text.splitlines()
    assert lines[0] == header  # kept on page 1 (often the title there)
    assert header not in lines[1:]
    report = load_report(DATA / "wrapped_items.pdf")
    assert report.statements and not any(header in s.text for s in report.statements)


def test_office_wrapped_paragraphs_are_read_as_one_line() -> None:
    """LibreOffice wraps each paragraph at the column's edge, and section 五's paragraph runs
    over a page break: read line by line, a sentence ('本年度政务公开工作' / '稳步推进…') and
    an item ('…不够到' / '位，…') were cut in two, so statements and their markers (一是 cut
    as '一' / '是…' in other files) differed from the HTML source."""
    pytest.importorskip("pdfplumber")
    source = load_report(DATA / "wrapped_items.html")
    report = load_report(DATA / "wrapped_items.pdf")
    assert len(source.statements) >= 6
    assert ([(s.text, s.block, s.marker) for s in report.statements]
            == [(s.text, s.block, s.marker) for s in source.statements])
    assert report.metadata.title == source.metadata.title
    assert [s.number for s in report.sections] == [s.number for s in source.sections]


@pytest.mark.parametrize("name", ["cells_per_line.pdf", "cells_numbered.pdf"])
def test_office_table_one_cell_a_line_keeps_its_values_at_page_edges(name: str) -> None:
    """A .txt report (one table cell a line) saved as .docx and exported as PDF, 表四 running
    over pages, without page numbers or with a bare one in the footer (cells_numbered): a
    bare number among a page's first or last two lines was taken for a page number, and one
    on most pages' edges for a running head, so 表四 lost values and was unreadable. Only
    numbers that count the pages are dropped now."""
    pytest.importorskip("pdfplumber")
    from nlp_reports.ingest import read_document

    source = load_report(DATA / "cells_per_line.txt")
    report = load_report(DATA / name)
    assert source.table("table4") is not None and source.table("table4").status == "ok"
    assert report.table("table4") == source.table("table4")
    assert ([(c.id, c.outcome, c.column) for c in report.checks]
            == [(c.id, c.outcome, c.column) for c in source.checks])
    if name == "cells_numbered.pdf":  # the footers '1' … '4' are gone
        text = read_document(DATA / name).text
        assert text.endswith("\n2025年1月17日")  # (page 4's '4')
        assert "\n复议后起诉\n\n结果维持\n" in text  # (page 1's '1' between)
        assert "其他需要报告的事项\n\n无。\n" in text  # (page 3's '3' between)
