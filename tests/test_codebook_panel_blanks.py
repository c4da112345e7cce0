"""The codebook's "blank means" for the balanced panel, as an economist reads it in Stata.

`export --table panel --balanced` writes a row for every agency × year, `has_report` 0 where
no report was stored: its report_id, path, name as written, level, figures, counts and theme
dummies are blank. The codebook said "never blank" for eight of those columns and "also 0
with no statement" for the 26 dummies, so a reader who trusted it took the blanks for a bug
or, worse, recoded them to 0. Every column the balanced panel leaves blank must say when.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports import panel
from nlp_reports.corpus import codebook as cb
from nlp_reports.corpus import tag_paths

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def balanced(tmp_path_factory):
    db = tmp_path_factory.mktemp("cb30") / "c.sqlite"
    tag_paths([CORPUS], db, model=FakeTagger())
    p = panel(db, balanced=True)
    assert (p.has_report == 0).any() and (p.has_report == 1).any()
    return p


def _blank(p, col):
    return p[col].isna() | (p[col].astype("string") == "")


def test_every_column_blank_in_the_balanced_panel_says_so(balanced):
    wrong = []
    for col in balanced.columns:
        if not _blank(balanced, col).any():
            continue
        entry = cb.lookup("panel", col)
        assert entry is not None, col
        if entry.blank_in("panel") == "never blank":
            wrong.append(col)
    assert wrong == [], "codebook says 'never blank' for columns the balanced panel leaves blank"


def test_every_column_blank_on_a_row_without_report_names_has_report(balanced):
    without = balanced.has_report == 0
    for col in balanced.columns:
        if _blank(balanced, col)[without].any():
            blank = cb.lookup("panel", col).blank_in("panel")
            assert "has_report 0" in blank, (col, blank)
    # the other tables keep their own wording: a report always has a path
    assert cb.lookup("reports", "path").blank_in("reports") == "never blank"
    assert "has_report" not in cb.lookup("reports", "received").blank_in("reports")


def test_codebook_csv_and_markdown_give_the_panel_wording():
    rows = {r["column"]: r for r in cb.rows(["panel"])}
    assert rows["p_*"]["blank"].startswith("has_report 0")
    assert rows["report_id"]["blank"].endswith("without a report)")
    assert "has_report" not in {r["column"]: r for r in cb.rows(["reports"])}["id"]["blank"]


# --- a column no report fills keeps its type (.dta and Parquet) -------------------------
# In a store of single-file reports `part` is empty in every row, and so is a figure no
# report of a small store gives (fees before 2021, x2_* of the 2019 layout). reports.dta
# wrote `part` as a str variable, and Parquet as the type `null` (R's arrow: a logical
# column): `append` in Stata, or arrow::open_dataset over two stores, then failed on a
# variable that is integer in the codebook and in every store that has a compilation.

_NUMERIC = {"integer", "number", "id", "0/1"}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    import shutil

    from nlp_reports.corpus.export import export

    tmp = tmp_path_factory.mktemp("cb30small")
    folder = tmp / "in"
    folder.mkdir()
    for name in ("溪山县市场监督管理局2023年政府信息公开工作年度报告.txt",
                 "青禾省自然资源厅2019年政府信息公开工作年度报告.txt"):
        shutil.copy(CORPUS / name, folder / name)
    db = tmp / "c.sqlite"
    tag_paths([folder], db, model=FakeTagger())
    written = []
    for fmt in ("dta", "parquet"):
        written += export(db, tmp / fmt, format=fmt)
        written += export(db, tmp / fmt, format=fmt, table="panel", balanced=True)
    return written


def test_empty_numeric_columns_stay_numeric_in_dta(small):
    import pandas as pd

    wrong = []
    for path in (p for p in small if p.suffix == ".dta"):
        df = pd.read_stata(path)
        for col in df.columns:
            entry = cb.lookup(path.stem, col)
            if entry and entry.type in _NUMERIC and not pd.api.types.is_numeric_dtype(df[col]):
                wrong.append(f"{path.stem}.{col}")
    assert "reports.part" not in wrong and wrong == []


def test_no_parquet_column_is_of_type_null(small):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    nulls = []
    for path in (p for p in small if p.suffix == ".parquet"):
        schema = pq.read_schema(path)
        for field in schema:
            t = field.type
            if pa.types.is_null(t) or (pa.types.is_list(t) and pa.types.is_null(t.value_type)):
                nulls.append(f"{path.stem}.{field.name}: {t}")
            entry = cb.lookup(path.stem, field.name)
            if entry and entry.type in ("integer", "number", "id") and not pa.types.is_null(t):
                assert pa.types.is_integer(t) or pa.types.is_floating(t), (path.stem, field)
    assert nulls == []
