"""Defects the s8 red-team pass found on ordinary 2021–2025 reports as researchers get them
(PDF-copied text, web pages, PDFs). Each input in tests/data/redteam8/ is a short fictional
report written for these tests; the test names the defect (D1–D13) it reproduces."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

DATA = Path(__file__).parent / "data" / "redteam8"


@pytest.mark.parametrize("page", ["- 2 -", "第2页 共2页", "共2页 第2页", "2", "　— 2 —　"])
def test_d5_a_page_number_after_the_closing_date_keeps_the_signature(page):
    """D5: a PDF viewer's copy puts the last page's number below the 落款 date; the date had
    to be the last line, so published was None, and with the agency only in the 落款 (a bare
    title) so were agency, level and region."""
    text = (DATA / "d5_page_after_date.txt").read_text(encoding="utf-8")
    assert text.rstrip().endswith("- 2 -")
    r = load_report(text.rstrip()[: -len("- 2 -")] + page + "\n", filename="d5.txt")
    m = r.metadata
    assert (m.published, m.agency, m.level, m.region) == ("2024-01-20", "芦湾县水务局",
                                                          "department", "芦湾县")
    assert "2024年1月20日" not in r.sections[-1].text


def test_d5_a_number_after_a_line_that_is_no_date_is_not_skipped():
    # only a page number right below the date is furniture: a last line "2" after prose
    # leaves the report without a signature, as before
    text = (DATA / "d5_page_after_date.txt").read_text(encoding="utf-8")
    text = text.replace("2024年1月20日\n- 2 -", "本局联系电话见门户网站。\n2")
    assert load_report(text, filename="d5.txt").metadata.published is None
