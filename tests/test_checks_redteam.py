"""T1 on narrative phrasings found by red-teaming with reports written by an outsider."""

from __future__ import annotations

import pytest
from _table_data import T3_GOOD, T4_GOOD

from nlp_reports.parse.checks import run_checks
from nlp_reports.parse.layout import TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS
from nlp_reports.report import Table


def _table(tid, row_defs, col_defs, values):
    return Table(id=tid, title=tid, rows=tuple(r for r, _ in row_defs),
                 row_labels=tuple(x for _, x in row_defs), columns=tuple(c for c, _ in col_defs),
                 column_labels=tuple(x for _, x in col_defs),
                 values=tuple(tuple(float(v) for v in row) for row in values),
                 raw=tuple(tuple(str(v) for v in row) for row in values), status="ok", problem=None)


def _tables():
    t3 = _table("table3", TABLE3_ROWS, TABLE3_COLUMNS,
                [T3_GOOD.get(r, [0] * 7) for r, _ in TABLE3_ROWS])
    return [t3, _table("table4", TABLE4_ROWS, TABLE4_COLUMNS, [T4_GOOD])]


def _received(text):
    return [c for c in run_checks(_tables(), {1: text})
            if c.id == "T1" and c.row in ("1", None) and c.table == "table3"
            and "收到" in c.message]


# T3_GOOD: row 一 total 19, row 二 total 3
@pytest.mark.parametrize(("sentence", "outcome"), [
    ("全年共收到政府信息公开申请19件，上年结转3件，已全部办结。", "pass"),
    ("全年共收到政府信息公开申请22件，上年结转3件，已全部办结。", "fail"),
    ("本年度受理政府信息公开申请19件,上年度结转3件。", "pass"),
])
def test_received_with_the_carry_over_counted_apart_is_row_one(sentence, outcome):
    # "收到…N件，上年结转M件": N is the new applications; T1 stayed silent on it, so a
    # received figure contradicting the table went unnoticed
    (c,) = _received(sentence)
    assert (c.outcome, c.row, c.found) == (outcome, "1", float(sentence.split("申请")[1][:2]))


@pytest.mark.parametrize("sentence", [
    "全年共收到政府信息公开申请22件，其中上年结转3件。",  # a total broken down: 一 + 二
    "全年共收到政府信息公开申请22件，本年新收19件，上年结转3件。",
    "全年共收到政府信息公开申请22件，办结20件，上年结转3件。",
])
def test_received_stays_as_before_when_the_carry_over_is_not_its_own_next_clause(sentence):
    assert all(c.row != "1" or c.outcome == "pass" for c in _received(sentence))


def _t1(text):
    return [(c.outcome, c.column, c.found) for c in run_checks(_tables(), {1: text})
            if c.id == "T1" and c.table == "table4"]


def test_review_cases_written_as_anjian_are_read():
    # "行政复议案件" holds "议案" (a deputies' motion): the sentence was taken for one
    # about motions and its figures were never compared (T4_GOOD: review 2, litigation 3)
    assert _t1("全年发生政府信息公开行政复议案件2件。") == [("pass", "review.total", 2.0)]
    assert _t1("全年发生政府信息公开行政复议案件5件。") == [("fail", "review.total", 5.0)]
    assert sorted(_t1("本年度未发生政府信息公开行政复议案件，发生行政诉讼3件。")) == [
        ("fail", "review.total", 0.0), ("pass", None, 3.0)]


def test_motions_and_proposals_are_still_other_topics():
    assert _t1("全年办理人大代表议案2件、政协提案5件，涉及政府信息公开行政复议的0件。") == []


def _t3_checks(text):
    return [(c.outcome, c.row, c.found) for c in run_checks(_tables(), {1: text})
            if c.id == "T1" and c.row in ("3.1", "3.2")]


@pytest.mark.parametrize("both", ["全部或部分公开", "予以公开或部分公开", "公开和部分公开",
                                  "予以公开、部分公开", "全部及部分公开"])
def test_granted_and_partial_together_is_not_the_partial_figure(both):
    # "全部或部分公开11件" counts 3.1 + 3.2 together (T3_GOOD: 8 + 3): compared with
    # 部分公开 alone it was a false failure
    assert _t3_checks(f"全年共收到政府信息公开申请19件，其中{both}11件。") == []


def test_granted_and_partial_listed_apart_are_both_compared():
    assert _t3_checks("全年共收到政府信息公开申请19件，予以公开8件、部分公开5件。") == [
        ("pass", "3.1", 8.0), ("fail", "3.2", 5.0)]


def test_carry_over_included_in_another_figure_is_not_the_received_one():
    # "（含上年结转3件）" after 办结20件 made the received figure 19 count as 一 + 二 (22):
    # a false failure
    checks = run_checks(_tables(), {1: "全年共收到政府信息公开申请19件，办结20件（含上年结转3件）。"})
    assert all(c.outcome == "pass" for c in checks if c.id == "T1")
    assert not any("1/total + 2/total" in c.message for c in checks)


@pytest.mark.parametrize("sentence", ["全年共收到政府信息公开申请22件（含上年结转3件）。",
                                      "全年共收到政府信息公开申请22件，其中上年结转3件。",
                                      "全年共受理政府信息公开申请22件(其中包括上年度结转3件)，办结20件。"])
def test_carry_over_included_in_the_received_figure(sentence):
    (c,) = [c for c in run_checks(_tables(), {1: sentence})
            if c.id == "T1" and "1/total + 2/total" in c.message]
    assert (c.outcome, c.found, c.expected) == ("pass", 22.0, 22.0)


@pytest.mark.parametrize("joiner", ["和", "及", "与"])
def test_partial_figure_closing_a_list_with_he_is_compared(joiner):
    # "…不予公开0件和部分公开3件": 和 joins two figures here, not the two outcomes
    assert _t3_checks(f"全年共收到政府信息公开申请19件，予以公开8件{joiner}部分公开3件。") == [
        ("pass", "3.1", 8.0), ("pass", "3.2", 3.0)]
