"""s7 export fixes from the fifth new-user trial: ``--out DIR/`` for JSONL, ``--table`` with
JSONL, and the Chinese labels of row and column ids in table_cells / checks exports."""

from __future__ import annotations

import json
import os

import pytest
from _corpus_helpers import FakeTagger, make_report, table3, table4

from nlp_reports.cli import main
from nlp_reports.corpus import Store, export
from nlp_reports.errors import UsageError
from nlp_reports.parse.layout import TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_GROUPS
from nlp_reports.report import Check


def _store(tmp_path):
    report = make_report(
        "甲县人民政府", 2024, ["人员力量不足。"], ["加强培训。"],
        tables=(table3({("3.3.1", "natural_person"): None}), table4(review_total=2.0)),
        checks=(Check("I1", "fail", "table3", None, "natural_person", 7.0, 6.0, "x"),
                Check("I2", "pass", "table3", "3.3.1", "total", 0.0, 0.0, "y"),
                Check("I4", "pass", "table4", "count", "review", 2.0, 2.0, "z")))
    path = tmp_path / "c.db"
    with Store(path) as store:
        store.write_report("r.txt", report, FakeTagger().tag_many([report])[0], model_id="m")
    return path


# --- F11: --out DIR/ and --table with JSONL -------------------------------------------------------

@pytest.mark.parametrize("how", ["trailing_separator", "existing_folder"])
def test_jsonl_into_a_folder_writes_reports_jsonl_there(tmp_path, how):
    db = _store(tmp_path)
    folder = tmp_path / "exp"
    if how == "existing_folder":
        folder.mkdir()
        out = str(folder)
    else:
        out = str(folder) + os.sep
    [written] = export(db, out, format="jsonl")
    assert written == folder / "reports.jsonl"
    assert folder.is_dir() and written.is_file()
    [line] = written.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["metadata"]["agency"] == "甲县人民政府"


def test_jsonl_to_a_file_name_is_that_file(tmp_path):
    db = _store(tmp_path)
    [written] = export(db, tmp_path / "sub" / "r.jsonl", format="jsonl")
    assert written == tmp_path / "sub" / "r.jsonl" and written.is_file()


@pytest.mark.parametrize("table", ["reports", "statements", "checks"])
def test_jsonl_with_a_table_is_refused_not_ignored(tmp_path, table, capsys):
    db = _store(tmp_path)
    with pytest.raises(UsageError, match="csv, parquet or dta"):
        export(db, tmp_path / "x.jsonl", format="jsonl", table=table)
    assert not (tmp_path / "x.jsonl").exists()
    code = main(["export", "--db", str(db), "--format", "jsonl", "--table", table,
                 "--out", str(tmp_path / "y.jsonl")])
    assert code != 0 and not (tmp_path / "y.jsonl").exists()
    assert "csv, parquet or dta" in capsys.readouterr().err


# --- F12: the labels of the form beside the ids ----------------------------------------------------

def _labels(pairs):
    return dict(pairs)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_cells_and_checks_exports_carry_row_and_column_labels(tmp_path, fmt):
    import pandas as pd

    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    db = _store(tmp_path)
    export(db, tmp_path / "out", format=fmt)
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    cells = read(tmp_path / "out" / f"table_cells.{fmt}")
    cols = list(cells.columns)
    assert cols[cols.index("row") + 1] == "row_label"
    assert cols[cols.index("column") + 1] == "column_label"
    rows3, cols3 = _labels(TABLE3_ROWS), _labels(TABLE3_COLUMNS)
    t3 = cells[cells["table_id"] == "table3"]
    assert len(t3) == 25 * 7
    assert (t3["row_label"] == t3["row"].map(rows3)).all()
    assert (t3["column_label"] == t3["column"].map(cols3)).all()
    t4 = cells[cells["table_id"] == "table4"]
    assert (t4["column_label"] == t4["column"].map(_labels(TABLE4_COLUMNS))).all()
    blank = t3[(t3["row"] == "3.3.1") & (t3["column"] == "natural_person")]
    assert list(blank["row_label"]) == ["属于国家秘密"] and list(blank["column_label"]) == ["自然人"]

    checks = read(tmp_path / "out" / f"checks.{fmt}")
    cols = list(checks.columns)
    assert cols[cols.index("row") + 1] == "row_label"
    assert cols[cols.index("column") + 1] == "column_label"
    by_id = {r["id"]: r for r in checks.to_dict("records")}
    assert by_id["I1"]["column_label"] == "自然人"
    assert pd.isna(by_id["I1"]["row_label"]) or by_id["I1"]["row_label"] == ""
    assert (by_id["I2"]["row_label"], by_id["I2"]["column_label"]) == ("属于国家秘密", "总计")
    assert by_id["I4"]["column_label"] == _labels(TABLE4_GROUPS)["review"]


def test_the_store_views_keep_their_columns(tmp_path):
    db = _store(tmp_path)
    with Store(db) as store:
        assert "row_label" not in store.table("table_cells").columns
        assert "column_label" not in store.table("checks").columns
