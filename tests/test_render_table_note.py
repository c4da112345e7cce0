"""`parse`'s text output shows an ok table's note too: a 表二 sub-table read with
an extra 办结率/占比 column set aside said so only in the JSON and the store."""

from __future__ import annotations

import dataclasses

from test_tables_dash_cells import _T2_EXTRA, _report_a

from nlp_reports.parse.tables import read_tables
from nlp_reports.render import report_as_text


def test_set_aside_column_is_shown_beside_ok():
    tables, _, _ = read_tables({2: _T2_EXTRA}, year=2023)
    report = dataclasses.replace(_report_a(), tables=tuple(tables))
    lines = [line for line in report_as_text(report).splitlines() if line.strip().startswith("table2.6 ")]
    assert len(lines) == 1
    assert "[ok: " in lines[0] and "占比" in lines[0]


def test_a_table_without_a_note_stays_plain_ok():
    text = report_as_text(_report_a())
    assert any(line.strip().startswith("table3") and line.endswith("[ok]")
               for line in text.splitlines())
