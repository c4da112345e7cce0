"""Counts written with a blank on each side of the figure — a PDF copy's, or a typist's habit
with Latin digits among Chinese ("因政府信息公开申请行政复议 1 件，提起行政诉讼 0 件") — are read
as the same sentence written close up: the case counts and 同意公开 were lost (the received
count alone was read). Columns of a table spaced apart are not joined into a figure.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

from nlp_reports.corpus.summarize import narrative_counts
from nlp_reports.parse.checks import narrative_figures


def test_a_count_between_two_blanks_is_read_as_written_close_up():
    spaced = ("本年度共收到政府信息公开申请 14 件，同意公开 9 件，部分公开 2 件，不予公开 3 件。"
              "因政府信息公开申请行政复议 1 件，提起行政诉讼 0 件。")
    assert narrative_counts(spaced, 2013) == narrative_counts(spaced.replace(" ", ""), 2013) == {
        "received": 14, "granted": 9, "partial": 2, "refused": 3, "review": 1, "litigation": 0}


def test_an_ideographic_blank_counts_too():
    text = "全年受理政府信息公开申请　6　件，其中同意公开　5　件。"
    assert narrative_counts(text, 2010) == {"received": 6, "granted": 5}


def test_spaced_table_columns_give_no_figure():
    # last year's and this year's figures side by side: neither is read as the year's
    text = "依申请公开情况\n受理政府信息公开申请数    8    12\n同意公开数    6    9"
    assert narrative_figures(text) == {}
