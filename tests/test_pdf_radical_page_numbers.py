"""PDF page numbers a browser prints with its CJK font's radical for 页 ("第1⻚ 共2⻚") are page
numbers: a two-page report printed from a web page kept "第1⻚ 共2⻚" as the last line of
section 六 (and, set in columns, at the end of a statement of 五)."""

from __future__ import annotations


def test_browser_radical_page_number_is_page_furniture():
    from nlp_reports.ingest.pdf import is_page_furniture

    assert is_page_furniture("第1⻚ 共2⻚")
    assert is_page_furniture("第 3 ⻚")
    assert not is_page_furniture("第3⻚的内容")
