"""一 alone in a value cell among Arabic figures is not read as 1.

In a table of Arabic figures a lone 一 is far more often a dash (— for 无, "none") that an OCR
engine or a careless retyping read as 一 than a 1 written in Chinese: reading it as 1 put a
figure the report never gave into a table marked ok. It is now a cell not read, its table
unreadable and the cell named. In a row written in Chinese numerals ("一 〇 二 …", a
hand-typed Word table) it is still a 1, as 二 or 十二 are anywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports.parse.tables import read_tables

FLAT = (Path(__file__).parent / "fixtures" / "tables" / "flat_2021.txt").read_text(
    encoding="utf-8")


def _table(text: str, table_id: str):
    tables, _, _ = read_tables({2: text})
    return next(t for t in tables if t.id == table_id)


@pytest.mark.parametrize(("before", "after", "table_id"), [
    ("规章\n\n1\n\n0\n\n5", "规章\n\n一\n\n0\n\n5", "table2.1"),     # among Arabic figures
    ("行政许可\n\n156", "行政许可\n\n一", "table2.5"),               # a row's one figure
])
def test_a_lone_yi_among_arabic_figures_is_not_read_as_one(before, after, table_id):
    assert before in FLAT
    clean = _table(FLAT, table_id)
    damaged = _table(FLAT.replace(before, after), table_id)
    assert clean.status == "ok" and damaged.status == "unreadable"
    assert damaged.values[0][0] is None  # not read: never 1
    assert "'一'" in damaged.problem and "dash" in damaged.problem


def test_a_row_written_in_chinese_numerals_still_reads_yi_as_one():
    text = FLAT.replace("规章\n\n1\n\n0\n\n5", "规章\n\n一\n\n〇\n\n五")
    table = _table(text, "table2.1")
    assert table.status == "ok" and table.values[0] == (1.0, 0.0, 5.0)
    # and 二 alone is a 2 wherever it stands: no dash looks like it
    assert _table(FLAT.replace("行政许可\n\n156", "行政许可\n\n二"), "table2.5").values == ((2.0,),)
