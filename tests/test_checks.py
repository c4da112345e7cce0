"""run_checks: the identities I1–I4 and the text checks T1/T2, passing, failing, not assessable."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from _table_data import T3_GOOD, T4_GOOD
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_reports.parse.checks import parse_chinese_number, run_checks
from nlp_reports.parse.layout import (
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE3_ROWS_2019,
    TABLE3_SUBTOTAL_COLUMN,
    TABLE4_COLUMNS,
    TABLE4_ROWS,
)
from nlp_reports.parse.tables import read_tables
from nlp_reports.report import Table

SAMPLE = Path(__file__).parents[2] / "shared" / "sample-report-bange-2023.txt"

GOOD = T3_GOOD  # fictional, consistent figures (tests/_table_data.py)


def _table(tid, row_defs, col_defs, values, status="ok"):
    return Table(
        id=tid, title=tid,
        rows=tuple(r for r, _ in row_defs), row_labels=tuple(label for _, label in row_defs),
        columns=tuple(c for c, _ in col_defs), column_labels=tuple(label for _, label in col_defs),
        values=tuple(tuple(None if v is None else float(v) for v in row) for row in values),
        raw=tuple(tuple("" if v is None else str(v) for v in row) for row in values),
        status=status, problem=None if status == "ok" else "test: unreadable",
    )


def table3(data=None, *, subtotal=False, fmt="2021", status="ok"):
    data = dict(GOOD if data is None else data)
    row_defs = TABLE3_ROWS if fmt == "2021" else TABLE3_ROWS_2019
    cols = list(TABLE3_COLUMNS)
    rows = []
    for r, _ in row_defs:
        v = list(data.get(r, [0] * 7))
        if subtotal and len(v) == 7:
            v = v[:6] + [sum(v[1:6])] + v[6:]
        rows.append(v)
    if subtotal:
        cols.insert(6, TABLE3_SUBTOTAL_COLUMN)
    return _table("table3", row_defs, cols, rows, status)


def table4(values=None, status="ok"):
    return _table("table4", TABLE4_ROWS, TABLE4_COLUMNS, [values or T4_GOOD], status)


def fees(amount):
    title, rows, cols = TABLE2_2021["table2.8"]
    return _table("table2.8", rows, cols, [[amount]])


def outcomes(checks, cid):
    return [c.outcome for c in checks if c.id == cid]


def only(checks, cid, **where):
    found = [c for c in checks if c.id == cid and all(getattr(c, k) == v for k, v in where.items())]
    assert len(found) == 1, found
    return found[0]


def test_consistent_tables_pass_everything():
    checks = run_checks([table3(), table4()], {})
    assert outcomes(checks, "I1") == ["pass"] * 7
    assert outcomes(checks, "I2") == ["pass"] * 25
    assert outcomes(checks, "I3") == ["pass"] * 7
    assert outcomes(checks, "I4") == ["pass"] * 3
    c = only(checks, "I1", column="total")
    assert (c.expected, c.found) == (22.0, 22.0)


def test_i1_fails_in_the_right_column():
    data = dict(GOOD)
    data["4"] = [1, 1, 0, 0, 0, 0, 3]  # total carried over off by one (I2 fails too)
    checks = run_checks([table3(data)], {})
    bad = [c for c in checks if c.id == "I1" and c.outcome == "fail"]
    assert [c.column for c in bad] == ["total"]
    assert (bad[0].expected, bad[0].found) == (22.0, 23.0)
    assert only(checks, "I2", row="4", column="total").outcome == "fail"


def test_i2_fails_on_the_row_and_checks_the_subtotal():
    data = dict(GOOD)
    data["3.1"] = [5, 2, 0, 0, 1, 0, 9]
    checks = run_checks([table3(data)], {})
    c = only(checks, "I2", row="3.1", column="total")
    assert c.outcome == "fail" and (c.expected, c.found) == (8.0, 9.0)
    assert outcomes(checks, "I2").count("fail") == 1

    t = table3(subtotal=True)
    checks = run_checks([t], {})
    assert outcomes(checks, "I2") == ["pass"] * 50
    assert outcomes(checks, "I1") == ["pass"] * 8
    i = t.rows.index("1")
    broken = replace(t, values=t.values[:i] + ((12.0, 3.0, 1.0, 0.0, 2.0, 1.0, 6.0, 19.0),)
                     + t.values[i + 1:])
    c = only(run_checks([broken], {}), "I2", row="1", column="legal_subtotal")
    assert c.outcome == "fail" and (c.expected, c.found) == (7.0, 6.0)


def test_i3_fails_when_an_outcome_row_is_off():
    data = dict(GOOD)
    data["3.5.2"] = [2, 0, 0, 0, 0, 0, 2]
    checks = run_checks([table3(data)], {})
    bad = [c for c in checks if c.id == "I3" and c.outcome == "fail"]
    assert [c.column for c in bad] == ["natural_person", "total"]
    assert (bad[0].expected, bad[0].found) == (14.0, 13.0)


def test_i3_uses_the_single_row_in_2019():
    data = {k: v for k, v in GOOD.items() if not k.startswith("3.6.")}
    data["3.6"] = [0, 0, 0, 0, 1, 0, 1]
    checks = run_checks([table3(data, fmt="2019")], {})
    assert outcomes(checks, "I3") == ["pass"] * 7
    data["3.6"] = [0, 0, 0, 0, 0, 0, 0]
    checks = run_checks([table3(data, fmt="2019")], {})
    assert [c.column for c in checks if c.id == "I3" and c.outcome == "fail"] == [
        "legal_services", "total"]


def test_i4_per_group():
    v = list(T4_GOOD)
    v[9] = 3  # litigation_direct.total
    checks = run_checks([table4(v)], {})
    assert [(c.column, c.outcome) for c in checks if c.id == "I4"] == [
        ("review", "pass"), ("litigation_direct", "fail"), ("litigation_after_review", "pass")]
    c = only(checks, "I4", column="litigation_direct")
    assert (c.expected, c.found) == (2.0, 3.0)


def test_blank_operands_are_not_assessable_and_named():
    data = dict(GOOD)
    data["2"] = [2, 1, 0, 0, 0, 0, None]
    checks = run_checks([table3(data)], {})
    c = only(checks, "I1", column="total")
    assert c.outcome == "not_assessable" and "2/total" in c.message
    assert only(checks, "I1", column="natural_person").outcome == "pass"
    assert only(checks, "I2", row="2").outcome == "not_assessable"
    v = list(T4_GOOD)
    v[0] = None
    c = only(run_checks([table4(v)], {}), "I4", column="review")
    assert c.outcome == "not_assessable" and "review.upheld" in c.message


def test_unreadable_tables_are_not_assessable():
    checks = run_checks([table3(status="unreadable"), table4(status="unreadable")], {})
    assert len(checks) == 7 + 25 + 7 + 3
    assert {c.outcome for c in checks} == {"not_assessable"}


def test_absent_tables_give_no_identity_checks():
    assert run_checks([], {}) == []
    checks = run_checks([], {1: "本年度收到政府信息公开申请19件。"})
    assert [(c.id, c.outcome) for c in checks] == [("T1", "not_assessable")]
    assert "table3 not found" in checks[0].message


# --- T1 ------------------------------------------------------------------------------------


def t1(checks, cells):
    """The T1 check comparing with ``cells`` ("3.1" or "1/total + 2/total" as in its message)."""
    if "/" not in cells:
        return only(checks, "T1", row=cells)
    found = [c for c in checks if c.id == "T1" and f" {cells} is " in c.message]
    assert len(found) == 1, found
    assert found[0].row is None  # a sum over rows names no single row
    return found[0]


@pytest.mark.parametrize("sentence, row, value", [
    ("2023年，本机关共收到政府信息公开申请19件，均按时答复。", "1", 19),
    ("全年共受理依申请公开19件。", "1", 19),
    ("本年度新收申请十九件，涉及政府信息公开申请的内容主要为征地拆迁。", "1", 19),
    ("全年共收到政府信息公开申请22件（含上年结转3件）。", "1/total + 2/total", 22),
    ("对于政府信息公开申请，予以公开8件，部分公开3件，不予公开2件。", "3.1", 8),
    ("对于政府信息公开申请，予以公开8件，部分公开3件，不予公开2件。", "3.2", 3),
    ("对于政府信息公开申请，予以公开8件，部分公开三件，不予公开2件。", "3.3.*/total", 2),
    ("本年度办理依申请公开事项，办结20件，结转下年度继续办理2件。", "3.7", 20),
    ("本年度办理依申请公开事项，办结20件，结转下年度继续办理2件。", "4", 2),
])
def test_t1_matching_figures_pass(sentence, row, value):
    checks = run_checks([table3(), table4()], {1: sentence})
    c = t1(checks, row)
    assert c.outcome == "pass" and c.found == value == c.expected


@pytest.mark.parametrize("sentence, row, said, table", [
    ("2023年，本机关共收到政府信息公开申请15件。", "1", 15, 19),
    ("全年共受理依申请公开十二件。", "1", 12, 19),
    ("全年共收到政府信息公开申请19件（含上年结转3件）。", "1/total + 2/total", 19, 22),
    ("政府信息公开申请中予以公开5件。", "3.1", 5, 8),
    ("依申请公开方面，办结18件。", "3.7", 18, 20),
])
def test_t1_contradicting_figures_fail(sentence, row, said, table):
    c = t1(run_checks([table3(), table4()], {1: sentence}), row)
    assert c.outcome == "fail" and (c.found, c.expected) == (said, table)


def test_t1_cases_and_litigation():
    text = "本年度因政府信息公开被申请行政复议2件，被提起行政诉讼3件。"
    checks = run_checks([table4()], {1: text})
    review = only(checks, "T1", column="review.total")
    assert review.outcome == "pass" and review.found == 2
    lit = only(checks, "T1", column=None)
    assert lit.outcome == "pass" and lit.expected == 3 and lit.row == "count"
    assert "litigation_direct.total" in lit.message and "litigation_after_review" in lit.message
    text = "本年度因政府信息公开被申请行政复议1件。"
    assert only(run_checks([table4()], {1: text}), "T1").outcome == "fail"
    text = "全年未发生政府信息公开行政复议、行政诉讼案件。"
    assert [c.outcome for c in run_checks([table4()], {1: text})] == ["pass"] * 3 + [
        "fail", "fail"]


def test_t1_not_received_means_zero():
    text = "2023年度，本乡未收到政府信息公开申请。"
    c = only(run_checks([table3()], {1: text}), "T1")
    assert c.outcome == "fail" and c.found == 0 and c.expected == 19
    zero = {k: [0] * 7 for k in GOOD}
    assert only(run_checks([table3(zero)], {1: text}), "T1").outcome == "pass"


@pytest.mark.parametrize("sentence", [
    "全年收到群众来信20件，均已办理。",
    "全年处理12345平台案件20件。",
    "本年度收到政府信息公开申请19件，其中通过网络收到申请5件，当面申请14件。",
    "收到群众来信20件，另有政府信息公开申请若干。",
    "主动公开政府信息1520条。",
    "全年共收到政府信息公开申请15件，后又受理政府信息公开申请16件。",
])
def test_t1_stays_silent_when_not_attributable(sentence):
    checks = [c for c in run_checks([table3(), table4()], {1: sentence}) if c.id == "T1"]
    assert all(c.outcome != "fail" for c in checks)
    if "其中" in sentence:
        assert [c.found for c in checks] == [19.0]  # the total, not the channel counts
    else:
        assert checks == []


def test_t1_blank_cell_is_not_assessable():
    data = dict(GOOD)
    data["1"] = [12, 3, 1, 0, 2, 1, None]
    c = only(run_checks([table3(data)], {1: "共收到政府信息公开申请19件。"}), "T1")
    assert c.outcome == "not_assessable" and "1/total" in c.message


def test_chinese_numbers():
    assert [parse_chinese_number(s) for s in ("三", "十二", "二十", "一百零五", "两", "37")] == [
        3, 12, 20, 105, 2, 37]
    assert parse_chinese_number("三三") is None


# --- T2 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("six, outcome", [
    ("无。", "fail"),
    ("无", "fail"),
    ("本年度无其他需要报告的事项。", "fail"),
    ("\n  无 \n", "fail"),
    ("本年度收取信息处理费共计3.5万元，已按规定公示。", "pass"),
    ("(一)落实上级年度政务公开工作要点情况。按要点逐项落实。", "pass"),
])
def test_t2_fees_against_section_six(six, outcome):
    c = only(run_checks([fees(12.5)], {6: six}), "T2")
    assert c.outcome == outcome and c.found == 12.5


def test_t2_not_assessable_without_fee_cell():
    title, rows, cols = TABLE2_2019["table2.8"]
    t2019 = _table("table2.8", rows, cols, [[2, -1]])
    assert only(run_checks([t2019], {6: "无。"}), "T2").outcome == "not_assessable"
    assert only(run_checks([fees(None)], {6: "无。"}), "T2").outcome == "not_assessable"
    assert only(run_checks([fees(0)], {6: "无。"}), "T2").outcome == "pass"


# --- end to end ----------------------------------------------------------------------------


def test_sample_report_identities_pass():
    if not SAMPLE.exists():
        pytest.skip("sample report not available")
    text = SAMPLE.read_text(encoding="utf-8")
    heads = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    at = [text.index("\n" + h + "\n") + 1 for h in heads]
    sections = {0: text[: at[0]]}
    for n, (start, head) in enumerate(zip(at, heads, strict=True), 1):
        end = at[n] if n < len(at) else len(text)
        sections[n] = text[start + len(head):end]
    tables, _, _ = read_tables(sections, year=2023)
    checks = run_checks(tables, sections)
    for cid, n in (("I1", 7), ("I2", 25), ("I3", 7), ("I4", 3)):
        assert outcomes(checks, cid) == ["pass"] * n
    assert all(c.outcome != "fail" for c in checks)


@pytest.mark.parametrize("sentence", [
    "较上年收到的政府信息公开申请15件有所增加。",
    "与上年相比，政府信息公开申请增加15件。",
])
def test_t1_ignores_comparisons_with_other_years(sentence):
    assert [c for c in run_checks([table3()], {1: sentence}) if c.id == "T1"] == []


def test_t1_checks_the_years_figure_beside_a_comparison():
    # (the comparing clause is dropped: 15 is this year's, and 表三 says 19)
    c = only(run_checks([table3()], {1: "全年共收到政府信息公开申请15件，同比增加3件。"}), "T1")
    assert c.outcome == "fail" and (c.found, c.expected) == (15, 19)


def test_t1_outcomes_in_the_next_sentence_of_the_same_paragraph():
    text = ("本机关共收到政府信息公开申请19件，其中自然人申请12件。已全部答复，其中予以公开8件，"
            "部分公开3件，不予公开2件。\n办理人大代表建议，办结20件。\n予以公开5件。")
    checks = run_checks([table3()], {1: text})
    assert [(c.row, c.outcome) for c in checks if c.id == "T1"] == [
        ("1", "pass"), ("3.1", "pass"), ("3.2", "pass"), (None, "pass")]


def test_t1_no_applications_at_all_means_zero():
    c = only(run_checks([table3()], {1: "依申请公开方面：全年无政府信息公开申请。"}), "T1")
    assert c.outcome == "fail" and c.found == 0.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(
    ["0", "3", "", "/", "12", "1e30", "行政复议", "规章", "行政事业性收费", "5.5",
     "一、本年新收政府信息公开申请数量", "(七)总计", "四、结转下年度继续办理", "总计",
     "收到政府信息公开申请3件。", "予以公开两件，", "未发生政府信息公开行政复议。", "无。"]
), max_size=60), st.sampled_from(["\n", "\t", " "]))
def test_never_raises_and_outcomes_are_known(cells, sep):
    text = sep.join(cells)
    tables, _, _ = read_tables({0: text, 3: text})
    for c in run_checks(tables, {1: text, 6: text}):
        assert c.outcome in ("pass", "fail", "not_assessable")
        assert c.id in ("I1", "I2", "I3", "I4", "T1", "T2")


def test_every_check_names_real_rows_and_columns():
    text = ("全年共收到政府信息公开申请22件（含上年结转3件），予以公开8件，部分公开3件，不予公开2件，"
            "办结20件，结转下年度继续办理2件。因政府信息公开被申请行政复议2件，被提起行政诉讼3件。")
    tables = [table3(subtotal=True), table4(), fees(3.0)]
    checks = run_checks(tables, {1: text, 6: "无。"})
    assert {c.id for c in checks} == {"I1", "I2", "I3", "I4", "T1", "T2"}
    by_id = {t.id: t for t in tables}
    for c in checks:
        t = by_id[c.table]
        groups = {col.split(".")[0] for col in t.columns}
        assert c.row is None or c.row in t.rows, c
        assert c.column is None or c.column in t.columns or c.column in groups, c


@pytest.mark.parametrize("sentence, row, said", [
    ("全年共收到并办理政府信息公开申请22件，其中新收19件，上年结转3件。", None, None),
    ("本年度新收政府信息公开申请19件，上年结转3件。", "1", 19),
    ("全年共收到政府信息公开申请22件，其中上年结转3件。", "1/total + 2/total", 22),
])
def test_t1_carried_over_applications(sentence, row, said):
    checks = [c for c in run_checks([table3()], {1: sentence}) if c.id == "T1"]
    if row is None:
        assert checks == []  # 22 may or may not include the 3 carried over: no check
    else:
        c = t1(checks, row)
        assert c.outcome == "pass" and c.found == said
