"""docs/summary.md documents every table and every column that ``summarize`` returns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, make_report, table2_1, table3

from nlp_reports.corpus import Store, summarize

DOC = Path(__file__).parents[1] / "docs" / "summary.md"


def _sections() -> dict[str, str]:
    """Each ``### `name` `` section of the doc: table name → its text."""
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^### `([a-z_]+)`\s*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


@pytest.fixture()
def summary(tmp_path):
    # one agency over two years (copying, cross_year, problem_changes), a shared formula
    # across agencies (boilerplate), two levels and a failed identity (table_stats)
    shared = "信息公开工作仍存在一些不足和短板。"
    reports = [
        make_report("甲县人民政府", 2022, [shared, "人员力量不足。"], ["加强人员培训。"],
                    tables=(table3({("4", "total"): 3}), table2_1(5, 1, 20))),
        make_report("甲县人民政府", 2023, [shared, "人员力量不足。"], ["完善保密审查制度。"],
                    tables=(table3({("2", "total"): 3}), table2_1(3, 2, 22))),
        make_report("乙市人民政府", 2023, [shared, "保密审查不够严格。"], ["加强人员培训。"],
                    level="city", tables=(table3(received=4),)),
    ]
    tagger = FakeTagger()
    with Store(tmp_path / "c.db") as s:
        for i, r in enumerate(reports):
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
        yield summarize(s, by=["year"])


def test_every_table_and_column_is_documented(summary):
    sections = _sections()
    assert summary.tables, "summarize returned no table"
    missing_tables = [name for name in summary.tables if name not in sections]
    assert not missing_tables, f"tables not documented in {DOC.name}: {missing_tables}"
    missing = {name: [str(c) for c in df.columns if f"`{c}`" not in sections[name]]
               for name, df in summary.tables.items()}
    missing = {k: v for k, v in missing.items() if v}
    assert not missing, f"columns not documented in {DOC.name}: {missing}"


def test_no_documented_table_is_gone(summary):
    stale = [name for name in _sections() if name not in summary.tables]
    assert not stale, f"{DOC.name} documents tables summarize no longer returns: {stale}"


def test_the_fixture_fills_the_tables_the_doc_explains(summary):
    # the column check above is only meaningful if the pair-based tables are built
    for name in ("copying", "copied_statements", "cross_year", "problem_changes",
                 "boilerplate", "boilerplate_members"):
        assert len(summary.tables[name]) > 0, name
    assert list(summary.overview["year"]) == [2022, 2023]
