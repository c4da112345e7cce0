"""Notebook-facing API: Table.to_frame, Summary tab completion and HTML repr, and the
shipped labeled data found from any working directory."""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

import numpy as np
import pytest

from nlp_reports import load_report, summarize
from nlp_reports.classify.dataset import load_labeled, shipped_labeled_files
from nlp_reports.corpus.summarize import TABLE_TITLES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="module")
def report():
    return load_report(sorted(EXAMPLES.glob("*.txt"))[0])


def test_table_to_frame_ids_and_values(report):
    t = report.table("table3")
    assert t is not None
    df = t.to_frame()
    assert list(df.index) == list(t.rows) and list(df.columns) == list(t.columns)
    assert df.shape == (len(t.rows), len(t.columns))
    blanks = 0
    for r in t.rows:
        for c in t.columns:
            v = t.get(r, c)
            if v is None:
                blanks += 1
                assert math.isnan(df.loc[r, c])
            else:
                assert df.loc[r, c] == v
    assert df.isna().sum().sum() == blanks
    assert all(dtype.kind == "f" for dtype in df.dtypes)


def test_table_to_frame_labels(report):
    for t in report.tables:
        df = t.to_frame(labels=True)
        assert list(df.index) == list(t.row_labels)
        assert list(df.columns) == list(t.column_labels)
        # the same numbers as by ids, position by position
        np.testing.assert_array_equal(df.to_numpy(), t.to_frame().to_numpy())


@pytest.fixture(scope="module")
def summary(report):
    from nlp_reports import Tagger

    tagger = Tagger.load()
    reports = [report, load_report(sorted(EXAMPLES.glob("*.html"))[0])]
    return summarize([(r, tagger.tag(r)) for r in reports])


def test_summary_dir_lists_the_tables(summary):
    names = dir(summary)
    assert summary.tables and set(summary.tables) <= set(names)
    assert {"to_html", "to_markdown", "n_reports", "notes"} <= set(names)
    for name in summary.tables:
        assert getattr(summary, name) is summary.tables[name]


def test_summary_repr_html(summary):
    page = summary._repr_html_()
    assert f"{summary.n_reports} reports" in page
    for name, df in summary.tables.items():
        assert f"summary.{name}</code>" in page
        assert f"{len(df)} × {df.shape[1]}" in page
        if name in TABLE_TITLES:
            assert escape(TABLE_TITLES[name]) in page
    for note in summary.notes:
        assert f"<li>{escape(note)}</li>" in page


def test_shipped_labeled_files_from_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a notebook copied out of the clone
    files = shipped_labeled_files()
    expected = sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl"))
    assert [f.name for f in files] == [f.name for f in expected]
    assert all(f.is_absolute() and f.is_file() for f in files)
    items = load_labeled(files[0])
    assert items and all(d.kind and d.text for d in items)
