"""The codebook and the one boolean convention of the exports: every column labelled, flags 0/1.

A Stata/R user got ≈ 250 columns described in prose across three documents, and the
audit's flags and ``cross_year.soft`` written True/False while every other flag was 0/1.
Every export is written here from the bundled example corpus (43 reports, parsed for real,
tagged by the tests' keyword tagger): each column any of them writes must have a codebook
entry, and each entry must name a column some export still writes — so the codebook
cannot go stale either way. Flags are 0/1 in every CSV and .dta file; JSON keeps booleans.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.cli import main
from nlp_reports.corpus import audit, summarize, tag_paths
from nlp_reports.corpus import codebook as cb
from nlp_reports.corpus.export import export

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
BY = ("year", "level", "region", "agency", "format", "source_format", "province",
      "prefecture", "folder", "tier")


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh))


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """{table: {columns}} over every export of the example corpus's store, and the folder."""
    tmp = tmp_path_factory.mktemp("codebook")
    db = tmp / "c.sqlite"
    tag_paths([CORPUS], db, model=FakeTagger())
    seen: dict[str, set[str]] = {}

    def add(table: str, columns) -> None:
        seen.setdefault(table, set()).update(columns)

    for fmt in ("csv", "dta", "parquet"):
        paths = export(db, tmp / fmt, format=fmt) + export(db, tmp / fmt, format=fmt,
                                                             table="panel")
        for path in paths:
            if fmt == "csv":
                cols = _header(path)
            elif fmt == "dta":
                cols = pd.read_stata(path).columns
            else:
                cols = pd.read_parquet(path).columns
            add(path.stem, cols)
    # ungrouped, and grouped by every --by key at once: one group column per key, the
    # same columns as each key alone, at two summaries' cost instead of eleven
    for by, name in (((), "sum_"), (BY, "sum_by")):
        for path in summarize(db, by=list(by)).to_csv(tmp / name):
            add(path.stem, _header(path))
    for years in ((), (2024,)):
        result = audit(db, years=years)
        add("audit", _header(result.to_csv(tmp / "audit.csv")))
        add("audit_missing", _header(result.missing_to_csv(tmp / "missing.csv")))
    return seen, tmp, db


def test_every_exported_column_has_an_entry_and_every_entry_a_column(written):
    seen, _, _ = written
    assert set(seen) == set(cb.TABLES)
    missing = sorted((t, c) for t, cols in seen.items() for c in cols
                     if cb.lookup(t, c) is None)
    # a new column needs an entry in nlp_reports/corpus/codebook.py (then regenerate
    # docs/codebook.md: nlp-reports codebook --format md > docs/codebook.md)
    assert missing == [], "exported columns without a codebook entry"
    stale = sorted((t, n) for e in cb.CODEBOOK for t in e.tables for n in e.names()
                   if n not in seen[t])
    assert stale == [], "codebook entries naming a column no export writes"
    # one entry per column of a table (two entries for one name would contradict)
    for table in cb.TABLES:
        names = [n for e in cb.entries(table) for n in e.names()]
        assert len(names) == len(set(names)), table
    # families described once, their members listed (13 themes, 7 applicant columns …)
    fam = {e.name: e.members for e in cb.CODEBOOK if e.members}
    assert len(fam["p_*"]) == len(fam["m_*"]) == len(fam["theme_*"]) == 13
    assert fam["x1_in_*"][-1] == "x1_in_total" and len(fam["x1_out_*"]) == 7


def test_every_entry_is_complete_and_labels_fit_stata():
    for e in cb.CODEBOOK:
        assert e.type and e.en and e.zh and e.blank, e.name
        assert any("\u4e00" <= ch <= "\u9fff" for ch in e.zh), e.name  # Chinese meaning
        for name in e.names():
            assert 0 < len(e.label_of(name)) <= cb.LABEL_MAX, name
            assert "{" not in e.label_of(name), name


def test_dta_variables_carry_the_codebook_labels(written):
    _, tmp, _ = written
    for path in sorted((tmp / "dta").glob("*.dta")):
        with pd.io.stata.StataReader(path) as reader:
            labels = reader.variable_labels()
        assert labels, path.name
        for col, label in labels.items():
            entry = cb.lookup(path.stem, col)
            if entry is not None:  # (a column without an entry: the coverage test says so)
                assert label == entry.label_of(col), (path.name, col)
    with pd.io.stata.StataReader(tmp / "dta" / "panel.dta") as reader:
        assert reader.variable_labels()["p_staffing"] == "Problem on theme staffing 人员力量 (0/1)"


def test_flags_are_0_1_in_every_csv_and_booleans_in_json(written, tmp_path):
    _, tmp, db = written
    for path in tmp.rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            cells = {c for row in csv.reader(fh) for c in row}
        assert not cells & {"True", "False"}, path
    soft = pd.read_csv(tmp / "sum_" / "cross_year.csv", encoding="utf-8-sig")["soft"]
    assert set(soft) == {0, 1}  # X1 rows 0, X2 rows 1
    summary = summarize(db)
    assert {type(r["soft"]) for r in summary.to_dict()["tables"]["cross_year"]} == {bool}
    # the audit: a report planted with two flags set is written 1, the others 0
    result = audit(db)
    flags = ["section5_empty", "no_concrete_problem", "no_measures", "t2_fees_without_6",
             "outdated_template"]
    table = result.table.copy()
    assert all(table[f].dtype == bool for f in flags)
    table.loc[table.index[0], ["section5_empty", "outdated_template"]] = True
    planted = dataclasses.replace(result, table=table)
    for headers in ("en", "zh"):
        out = pd.read_csv(planted.to_csv(tmp_path / f"a_{headers}.csv", headers=headers,
                                         sort="path"), encoding="utf-8-sig", dtype=str)
        if headers == "zh":
            from nlp_reports.corpus.audit import COLUMN_NAMES_ZH
            out = out.rename(columns={v: k for k, v in COLUMN_NAMES_ZH.items()})
        want = planted.sorted("path")
        for f in flags:
            assert list(out[f]) == [str(int(v)) for v in want[f]], (headers, f)
        assert (out["section5_empty"] == "1").sum() == 1
    rows = json.loads(planted.to_json())
    assert {type(r["section5_empty"]) for r in rows} == {bool}


def test_codebook_command_and_export_option(written, tmp_path, capsys):
    _, _, db = written
    assert main(["codebook", "--table", "panel", "--table", "audit"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert {r["table"] for r in rows} == {"panel", "audit"}
    p = next(r for r in rows if r["column"] == "p_*")
    assert p["members"].split()[0] == "p_staffing" and p["type"] == "0/1"
    assert main(["codebook", "--format", "json", "--out", str(tmp_path / "cb.json")]) == 0
    data = json.loads((tmp_path / "cb.json").read_text("utf-8"))
    assert list(data) == list(cb.TABLES)
    assert main(["codebook", "--table", "report"]) == 2  # no such table: usage error
    assert "no table 'report'" in capsys.readouterr().err
    # export --codebook: codebook.csv beside the tables, rows of the tables written only
    assert main(["export", "--db", str(db), "--format", "csv", "--table", "statements",
                 "--out", str(tmp_path / "x"), "--codebook"]) == 0
    book = pd.read_csv(tmp_path / "x" / "codebook.csv", encoding="utf-8-sig")
    assert set(book["table"]) == {"statements"}
    assert set(_header(tmp_path / "x" / "statements.csv")) <= {
        m for names in book["members"].fillna("") for m in names.split()} | set(book["column"])
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "r.jsonl"),
                 "--codebook"]) == 2


def test_docs_codebook_is_the_generated_one():
    """docs/codebook.md is `nlp-reports codebook --format md`: regenerate it after an edit."""
    assert (ROOT / "docs" / "codebook.md").read_text("utf-8") == cb.render("md")
