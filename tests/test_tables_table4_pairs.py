"""A 表四 pair printed with two values, the text
above a 汇编's first report title that holds a report's sections, a "-0" cell, and the
broken-files generator reproducing its checked-in files.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nlp_reports.errors import ParseError
from nlp_reports.parse.load import load_report, load_reports
from nlp_reports.report import Report

ROOT = Path(__file__).parents[1]
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


# --- 3. "-0" is 0 -----------------------------------------------------------------------------

@pytest.mark.parametrize("zero", ["-0", "−0", "－0"])
def test_a_minus_zero_count_is_zero_in_the_json(zero):
    report = _pairs_report("纠正：0", f"纠正：{zero}")
    t4 = report.table("table4")
    assert t4.status == "ok" and t4.values[0][1] == 0.0
    assert str(t4.values[0][1]) == "0.0"  # not -0.0
    t4_json = json.loads(report.to_json())["tables"]["table4"]
    assert t4_json["values"][0][1] == 0 and "-0" not in json.dumps(t4_json["values"])


# --- 2. a 汇编 whose first report lost its title and 一 --------------------------------------

HEAD_LOST = FIXTURES / "tail17" / "compilation_head_lost.txt"


def test_text_above_the_first_title_holding_sections_is_a_part_of_its_own(caplog):
    with caplog.at_level(logging.WARNING, logger="nlp_reports"):
        out = load_reports(HEAD_LOST)
    assert [type(o) for o in out] == [ParseError, Report, Report]
    head = out[0]
    assert (head.part, head.parts) == (1, 3)
    assert head.args[0].startswith("part 1 of 3: the text before the compilation's first report title")
    assert "二、三、四、五、六" in str(head)
    assert [(r.metadata.agency, r.metadata.part, r.metadata.parts) for r in out[1:]] == [
        ("青禾县市场监督管理局", 2, 3), ("青禾县教育体育局", 3, 3)]
    assert any("read by no part" in r.getMessage() for r in caplog.records)
    # the lost report's own text is in no part read: the error stands for it
    assert not any("涉农补贴" in r.text for r in out[1:])


def test_a_cover_and_contents_above_the_first_title_are_no_part(caplog):
    lines = HEAD_LOST.read_text("utf-8").split("\n")
    title = lines.index("青禾县市场监督管理局2023年政府信息公开工作年度报告")
    contents = ["目  录", "青禾县市场监督管理局2023年政府信息公开工作年度报告……1",
                "青禾县教育体育局2023年政府信息公开工作年度报告……3", ""]
    text = "\n".join(lines[:4] + contents + lines[title:])
    with caplog.at_level(logging.WARNING, logger="nlp_reports"):
        out = load_reports(text.encode(), filename="c.txt")
    assert [type(o) for o in out] == [Report, Report]
    assert [o.metadata.part for o in out] == [1, 2]
    assert not any("read by no part" in r.getMessage() for r in caplog.records)


def test_the_head_error_is_counted_by_parse(tmp_path):
    run = subprocess.run([sys.executable, "-m", "nlp_reports", "parse", "--json", str(HEAD_LOST)],
                         capture_output=True, text=True, check=False, cwd=ROOT)
    rows = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    assert run.returncode != 0
    assert rows[0]["part"] == 1 and rows[0]["parts"] == 3 and "section headings" in rows[0]["error"]["message"]
    assert [r["metadata"]["agency"] for r in rows[1:]] == ["青禾县市场监督管理局", "青禾县教育体育局"]


# --- 4. make_broken.py reproduces its checked-in files ------------------------------------------

def test_make_broken_reproduces_the_checked_in_files(tmp_path):
    here = tmp_path / "tests" / "fixtures"
    (here / "broken").mkdir(parents=True)
    (here / "hostile17").mkdir()
    shutil.copy(FIXTURES / "broken" / "make_broken.py", here / "broken")
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    subprocess.run([sys.executable, str(here / "broken" / "make_broken.py")], check=True)
    made = sorted(p.relative_to(here) for p in here.rglob("*") if p.is_file())
    assert len(made) > 20
    differ = [str(p) for p in made if (here / p).read_bytes() != (FIXTURES / p).read_bytes()]
    assert differ == []
