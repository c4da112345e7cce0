"""A big summary table's JSON, laid out from each column's distinct cells, is byte for byte
what pandas' encoder writes; a column it cannot vouch for sends the table back to pandas."""

from __future__ import annotations

import importlib
import json
import math

import numpy as np
import pandas as pd
import pytest

from nlp_reports.corpus import json_table

sm = importlib.import_module("nlp_reports.corpus.summarize")  # (the package binds the function)


def _pandas(df: pd.DataFrame) -> bytes:
    kinds = json_table.pandas_kinds(df)
    return (df.astype(kinds) if kinds else df).rename(columns=str).to_json(
        orient="records", force_ascii=False, double_precision=15).encode("utf-8")


def _fast(df: pd.DataFrame) -> bytes | None:
    got = json_table.records_json(df, json_table.pandas_kinds(df))
    return None if got is None else b"[" + bytes(got) + b"]"


@pytest.fixture(autouse=True)
def _small(monkeypatch):
    monkeypatch.setattr(json_table, "MIN_ROWS", 1)


def _messy(n: int, seed: int) -> pd.DataFrame:
    """Rows as a cross-year check table holds them, and worse: names with quotes and
    backslashes, text that looks like the records' own separators, gaps of every kind."""
    rng = np.random.default_rng(seed)
    agencies = np.array(["东城区人民政府办公室", '某县"数字政府"建设中心', "反斜杠\\局",
                         'x},{"agency":"伪造', "𠮷野家镇", "tab\tand\nline", "", " ", "a/b"],
                        dtype=object)
    floats = np.array([0.0, -0.0, 1.0, 0.1 + 0.2, 1 / 3, 1e16, 1.5e-7, 123456789.123456789,
                       -2.5, math.nan, 4e300, 7.0], dtype=np.float64)
    years = pd.array(rng.choice([2019, 2020, 2021, None], n), dtype="Int64")
    years_whole = pd.array(rng.choice([2021, 2022], n), dtype="Int64")
    column = rng.choice(np.array(["natural_person", "legal_person", None, math.nan, "总计"],
                                 dtype=object), n)
    return pd.DataFrame({
        "agency": agencies[rng.integers(0, len(agencies), n)],
        "year": years,
        "prev_year": years_whole,
        "report_id": rng.integers(-3, 50_000, n),
        "check": pd.array(rng.choice(["X1", "X2", None], n), dtype="str"),
        "column": column,
        "expected": floats[rng.integers(0, len(floats), n)],
        "found": rng.standard_normal(n) * 10.0 ** rng.integers(-9, 18, n),
        "soft": rng.integers(0, 2, n).astype(bool),
        'na"me\\有': pd.array(rng.choice(["是", "否"], n), dtype="string"),
        "small": rng.integers(0, 3, n).astype(np.int8),
        "f32": rng.standard_normal(n).astype(np.float32),
    })


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_messy_table_same_bytes_as_pandas(seed):
    df = _messy(3000, seed)
    got = _fast(df)
    assert got is not None  # every column here is one the fast path takes
    assert got == _pandas(df)
    json.loads(got)


def test_zero_and_minus_zero_as_pandas_writes_them():
    df = pd.DataFrame({"x": [0.0, -0.0, 0.0, -0.0, 2.5], "y": [1, 2, 3, 4, 5]})
    assert _fast(df) == _pandas(df)
    assert [r["x"] for r in json.loads(_fast(df))] == [0.0, 0.0, 0.0, 0.0, 2.5]


def test_a_text_holding_the_separator_stays_one_cell():
    fake = 'a"},{"t":"b'
    df = pd.DataFrame({"t": [fake, "c", fake, "d\\"], "n": [1, 2, 3, 4]})
    assert _fast(df) == _pandas(df)
    assert [r["t"] for r in json.loads(_fast(df))] == [fake, "c", fake, "d\\"]


@pytest.mark.parametrize("cells", [
    [1, True, 1.0, "1"],  # equal keys to a hash table, not the same JSON
    ["a", pd.NA, "b", None],  # pd.NA beside None: not a gap this vouches for
    [pd.Timestamp("2024-01-01"), pd.NaT, None, "x"],
    [["a", "b"], "x", "y", "z"],
])
def test_columns_it_cannot_vouch_for_go_back_to_pandas(cells):
    df = pd.DataFrame({"c": pd.Series(cells, dtype=object), "n": range(len(cells))})
    assert _fast(df) is None
    assert sm._table_json(df) == _pandas(df).decode("utf-8")


def test_other_dtypes_go_back_to_pandas():
    df = pd.DataFrame({"c": pd.Categorical(["a", "b", "a", "c"]),
                       "f": pd.array([0.5, None, 1.0, 2.0], dtype="Float64")})
    for name in df.columns:
        assert _fast(df[[name]]) is None
        assert sm._table_json(df[[name]]) == _pandas(df[[name]]).decode("utf-8")


def test_below_the_row_floor_pandas_writes(monkeypatch):
    monkeypatch.setattr(json_table, "MIN_ROWS", 10_000)
    df = _messy(500, 4)
    assert _fast(df) is None
    assert sm._table_json(df).encode("utf-8") == _pandas(df)


def test_table_json_parts_join_to_the_text():
    df = _messy(2500, 5)
    parts = sm._table_json_parts(df)
    assert len(parts) == 3 and isinstance(parts[1], memoryview)  # the fast path was taken
    assert b"".join(p.encode("utf-8") if isinstance(p, str) else bytes(p) for p in parts) \
        == _pandas(df)
    assert sm._table_json(df).encode("utf-8") == _pandas(df)


def test_cli_writes_the_same_document_with_the_fast_path(tmp_path, monkeypatch, capsys):
    # every table of a real summary through the fast path (floor at one row), written as
    # bytes to a UTF-8 stdout: the document pandas alone writes
    from _corpus_helpers import synthetic_store

    from nlp_reports.cli import main

    path = synthetic_store(tmp_path / "s.sqlite", 40)
    monkeypatch.setattr(json_table, "MIN_ROWS", 10**9)
    assert main(["summarize", "--db", str(path), "--format", "json"]) == 0
    slow = capsys.readouterr().out
    monkeypatch.setattr(json_table, "MIN_ROWS", 1)
    summary = sm.summarize(path)
    assert any(isinstance(p, memoryview) for p in summary.json_bytes())
    assert main(["summarize", "--db", str(path), "--format", "json"]) == 0
    fast = capsys.readouterr().out
    assert fast == slow and "".join(summary.json_parts()) + "\n" == slow
    assert json.loads(fast)["n_reports"] == 40
