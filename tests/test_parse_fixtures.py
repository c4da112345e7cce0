"""Every report fixture against its hand-written expectation (fixtures/reports/expected/*.json).

The expectations were written by reading each fixture, not by running the parser: sections
(number and title as written), statements (block, marker, text), metadata, a selection of
table cells, and the checks that must fail (every other check must not fail).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp_reports import load_report

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
EXPECTED = sorted((FIXTURES / "expected").glob("*.json"))
#: Problem codes the section/statement parser itself emits (tables add their own).
PARSER_CODES = {"missing_section", "no_headings", "empty_section_5", "statements_unsplit",
                "unmapped_section", "no_title"}


def _load(path: Path) -> tuple[dict, object]:
    expected = json.loads(path.read_text(encoding="utf-8"))
    return expected, load_report(FIXTURES / expected["file"])


@pytest.fixture(scope="module", params=EXPECTED, ids=lambda p: p.stem)
def case(request):
    return _load(request.param)


def test_there_are_enough_fixtures():
    assert len(EXPECTED) >= 12
    levels = {json.loads(p.read_text(encoding="utf-8"))["metadata"]["level"] for p in EXPECTED}
    assert {"province", "city", "county", "township", "street", "department"} <= levels


def test_metadata(case):
    expected, report = case
    got = report.metadata
    for key, value in expected["metadata"].items():
        assert getattr(got, key) == value, key


def test_sections(case):
    expected, report = case
    assert [[s.number, s.title] for s in report.sections] == expected["sections"]
    for number, start in expected.get("section_starts", {}).items():
        assert report.section(int(number)).text.startswith(start)
    for number, end in expected.get("section_ends", {}).items():
        assert report.section(int(number)).text.endswith(end)
    for number, parts in expected.get("section_contains", {}).items():
        for part in parts:
            assert part in report.section(int(number)).text
    assert report.missing_sections == tuple(
        n for n in range(1, 7) if n not in {s for s, _ in expected["sections"]})


def test_no_page_chrome_in_sections(case):
    _, report = case
    for s in report.sections:
        for chrome in ("打印本页", "关闭窗口", "主办单位", "ICP备", "发布时间", "阅读次数", "字号"):
            assert chrome not in s.text, (s.number, chrome)


def test_statements(case):
    expected, report = case
    got = [[s.block, s.marker, s.text] for s in report.statements]
    assert got == expected["statements"]
    assert [s.index for s in report.statements] == list(range(len(report.statements)))


def test_parser_problems(case):
    expected, report = case
    codes = sorted(p.code for p in report.errors if p.code in PARSER_CODES)
    assert codes == sorted(expected["errors"])


def test_table_cells(case):
    expected, report = case
    for table_id, rows in expected["tables"].items():
        table = report.table(table_id)
        assert table is not None, table_id
        for row, cells in rows.items():
            for column, value in cells.items():
                assert table.get(row, column) == value, (table_id, row, column)


def test_failing_checks(case):
    expected, report = case
    failed = sorted((c.id, c.table, c.row or "", c.column or "") for c in report.checks
                     if c.outcome == "fail")
    want = sorted((i, t, r or "", c or "") for i, t, r, c in expected["failed_checks"])
    assert failed == want


def test_every_table_cell(case):
    """表三/表四/表二 in full: every cell written in the expectation (表三: listed rows, else 0)."""
    expected, report = case
    if "table3_cells" in expected:
        t3 = report.table("table3")
        spec = expected["table3_cells"]
        for row, values in zip(t3.rows, t3.values, strict=True):
            want = spec["rows"].get(row, [spec["default"]] * len(t3.columns))
            assert list(values) == want, row
        assert set(spec["rows"]) <= set(t3.rows)
    if "table4_cells" in expected:
        assert list(report.table("table4").values[0]) == expected["table4_cells"]
    for table_id, rows in expected.get("table2_cells", {}).items():
        table = report.table(table_id)
        assert table is not None, table_id
        assert {r: list(v) for r, v in zip(table.rows, table.values, strict=True)} == rows
    tables_written = {t.id for t in report.tables if t.id.startswith("table2")}
    if "table2_cells" in expected:
        assert tables_written == set(expected["table2_cells"])
