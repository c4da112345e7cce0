"""A 表四 pair printed with two values ("维持：1：2") leaves the table unreadable naming the
cell; a pair with one value is read, and a "-0" value is 0.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp_reports.parse.load import load_report
from nlp_reports.report import Report

FIXTURES = Path(__file__).parent / "fixtures"
PAIRS = FIXTURES / "parse19" / "c01_t4_pairs_one_line_per_group.txt"
SAID = "维持：1 纠正：0 其他结果：1 尚未审结：0 总计：2"


def _pairs_report(old: str, new: str) -> Report:
    text = PAIRS.read_text("utf-8")
    assert SAID in text and old in SAID
    return load_report(text.replace(SAID, SAID.replace(old, new)).encode(), filename="p.txt")


# --- 1. 表四: a label with two values -------------------------------------------------------

@pytest.mark.parametrize("written", ["维持：1：2", "维持：1:2", "维持1：2", "维持：：1：：2"])
def test_a_pair_label_with_two_values_leaves_table4_unreadable_naming_the_cell(written):
    report = _pairs_report("维持：1", written)
    t4 = report.table("table4")
    assert t4.status == "unreadable"
    assert 12.0 not in {v for row in t4.values for v in row}
    message = next(p.message for p in report.errors if p.message.startswith("表四"))
    assert "review.upheld" in message and "two values" in message


@pytest.mark.parametrize("written", ["维持：1 ：2", "维持：1： 2", "维持：1 2"])
def test_a_second_value_printed_apart_is_a_stray_value(written):
    report = _pairs_report("维持：1", written)
    assert report.table("table4").status == "unreadable"
    assert any("a value after no label" in p.message for p in report.errors)


@pytest.mark.parametrize("written", ["维持：1", "维持：：1", "维持1"])
def test_a_pair_with_one_value_is_still_read(written):
    t4 = _pairs_report("维持：1", written).table("table4")
    assert t4.status == "ok" and t4.values[0][0] == 1.0


@pytest.mark.parametrize("written", ["维持： 1", "维持 1"])
def test_a_lone_digit_after_a_pair_label_is_never_a_blank_cell(written):
    """"维持： 1": the lone "1" reads as a row number (dropped), and 维持 was given a blank
    cell, the table ok; now the table is unreadable naming the cell."""
    report = _pairs_report("维持：1", written)
    t4 = report.table("table4")
    assert t4.status == "unreadable" and t4.values[0][0] is None
    assert any("review.upheld" in p.message and "row number" in p.message for p in report.errors)


# --- 2. "-0" is 0 -----------------------------------------------------------------------------

@pytest.mark.parametrize("zero", ["-0", "−0", "－0"])
def test_a_minus_zero_count_is_zero_in_the_json(zero):
    report = _pairs_report("纠正：0", f"纠正：{zero}")
    t4 = report.table("table4")
    assert t4.status == "ok" and t4.values[0][1] == 0.0
    assert str(t4.values[0][1]) == "0.0"  # not -0.0
    t4_json = json.loads(report.to_json())["tables"]["table4"]
    assert t4_json["values"][0][1] == 0 and "-0" not in json.dumps(t4_json["values"])
