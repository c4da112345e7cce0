"""docs/schema.md documents every JSON key, table/row/column id, check id and problem code."""

from __future__ import annotations

import re
from pathlib import Path

from nlp_reports.parse import headings, layout
from nlp_reports.report import SCHEMA_VERSION, Check, Metadata, Section, Statement, Table

DOC = (Path(__file__).parents[1] / "docs" / "schema.md").read_text(encoding="utf-8")
CODE = {p.name: p.read_text(encoding="utf-8")
        for p in (Path(__file__).parents[1] / "nlp_reports" / "parse").glob("*.py")}


def _documented(name: str) -> bool:
    return f"`{name}`" in DOC


def test_version_and_top_level_keys():
    assert f'"schema_version": "{SCHEMA_VERSION}"' in DOC
    for key in ("schema_version", "metadata", "sections", "missing_sections", "statements",
                "tables", "checks", "errors", "annexes"):
        assert key in DOC


def test_every_field_of_the_data_model():
    for cls in (Metadata, Section, Statement, Table, Check):
        for name in cls.__dataclass_fields__:
            if name == "id" and cls is Table:
                continue
            assert _documented(name) or f'"{name}"' in DOC or (
                name in ("rows", "row_labels", "columns", "column_labels")
                and "`rows`, `row_labels`" in DOC and "`columns`, `column_labels`" in DOC
            ) or (name in ("table", "row", "column") and "`table`, `row`, `column`" in DOC), \
                (cls.__name__, name)


def test_every_table_row_and_column_id():
    ids = [r for r, _ in layout.TABLE3_ROWS] + [r for r, _ in layout.TABLE3_ROWS_2019]
    ids += [c for c, _ in layout.TABLE3_COLUMNS] + [layout.TABLE3_SUBTOTAL_COLUMN[0]]
    ids += [c for c, _ in layout.TABLE4_COLUMNS] + [r for r, _ in layout.TABLE4_ROWS]
    for spec in (layout.TABLE2_2021, layout.TABLE2_2019):
        for tid, (_, rows, cols) in spec.items():
            ids += [tid, *(r for r, _ in rows), *(c for c, _ in cols)]
    missing = sorted({i for i in ids if not _documented(i)})
    assert missing == []


def test_every_check_id_and_problem_code():
    check_ids = set(re.findall(r'Check\(\s*"([A-Z]\d)"', CODE.get("checks.py", "")))
    check_ids |= set(re.findall(r'"(I\d)"', CODE.get("checks.py", "")))
    for cid in check_ids | {"I1", "I2", "I3", "I4", "T1", "T2"}:
        assert _documented(cid), cid
    codes = set()
    for source in CODE.values():
        codes |= set(re.findall(r'Problem\(\s*"([a-z_0-9]+)"', source))
    assert codes, "no problem codes found in the parser"
    assert sorted(c for c in codes if not _documented(c)) == []


def test_every_block_name():
    for block in ("problem", "measure", "unknown"):
        assert _documented(block)
    assert headings.SECTION_RULES  # the heading table the doc points to exists
