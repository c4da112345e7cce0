"""What every parser red team's ``test_every_input`` checks the same way (redteam15 … 21):
the sections, the statements with their block and the metadata a truth file names, and
表三's cells read by column name; the tables' truths of redteam22 and redteam23."""

from __future__ import annotations

from typing import Any

#: 表三's columns in the format's order (自然人, 法人或其他组织 ×5, 总计).
COLS = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other",
        "total"]


def t3_cells(t3: dict[str, Any]) -> dict[str, list]:
    """表三's values by row id, each row's cells in :data:`COLS` order."""
    return {rid: [t3["values"][r][t3["columns"].index(c)] for c in COLS]
            for r, rid in enumerate(t3["rows"])}


def assert_sections_statements_meta(d: dict[str, Any], truth: dict[str, Any]) -> None:
    """A report's JSON dict against its truth: section numbers, statements as [block, text]
    (the parser writes full-width brackets as ASCII), every metadata key the truth names."""
    assert [s["number"] for s in d["sections"]] == truth["sections"]
    assert [[s["block"], s["text"]] for s in d["statements"]] == [
        [b, t.replace("（", "(").replace("）", ")")] for b, t in truth["statements"]]
    for key, value in truth["meta"].items():
        assert d["metadata"][key] == value, key


#: A table's name as the parser's problem messages give it (表二's sub-tables: "表二").
NAMES = {"table3": "表三", "table4": "表四"}


def assert_tables(d: dict[str, Any], truth: dict[str, Any]) -> None:
    """A report's tables against its truth (redteam22, redteam23): "unreadable" (the table's
    status, or a table_unreadable problem naming it), "missing" (not read), 表三's cells by
    column, 表四's 15 values, or a 表二 sub-table's cells given as "row/column"."""
    for tid, want in truth["tables"].items():
        table = d["tables"].get(tid)
        if want == "unreadable":
            assert (table is not None and table["status"] == "unreadable") or any(
                e["code"] == "table_unreadable" and NAMES.get(tid, "表二") in e["message"]
                for e in d["errors"]), tid
        elif want == "missing":
            assert table is None or table["status"] != "ok", tid
        elif tid == "table3":
            assert table["status"] == "ok"
            assert t3_cells(table) == want
        elif tid == "table4":
            assert table["status"] == "ok"
            assert table["values"][0] == want
        else:
            for key, value in want.items():
                row, col = key.split("/")
                assert table["values"][table["rows"].index(row)][table["columns"].index(col)] == value
