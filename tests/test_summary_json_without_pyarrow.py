"""``summarize --format json`` works on the README's install, which has no pyarrow.

pyarrow comes only with the ``parquet`` extra (pyproject.toml); the fast layout of big
tables' JSON uses it when it is there, and pandas' own encoder (the same bytes) when not.
"""

from __future__ import annotations

import builtins
import json

import pandas as pd
import pytest
from _corpus_helpers import synthetic_store

from nlp_reports import cli
from nlp_reports.corpus import json_table


@pytest.fixture
def no_pyarrow(monkeypatch):
    """The JSON layout's imports of pyarrow fail, as on a base install (pandas, which here
    has pyarrow, keeps it: only json_table is refused)."""
    real = builtins.__import__

    def refuse(name, globals=None, locals=None, fromlist=(), level=0):
        if name.split(".")[0] == "pyarrow" and (globals or {}).get("__name__") == json_table.__name__:
            raise ModuleNotFoundError("No module named 'pyarrow'", name="pyarrow")
        return real(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", refuse)
    monkeypatch.setattr(json_table, "MIN_ROWS", 1)  # every table takes the fast path's door


def test_a_big_table_without_pyarrow_is_left_to_pandas(no_pyarrow):
    df = pd.DataFrame({"agency": ["东城区人民政府", "南湖街道办事处", "东城区人民政府"],
                       "year": [2022, 2023, 2024], "share": [0.5, None, 1.0]})
    assert json_table.records_json(df, json_table.pandas_kinds(df)) is None


def test_summarize_json_without_pyarrow(no_pyarrow, tmp_path, capsys):
    db = synthetic_store(tmp_path / "s.sqlite", 24)
    assert cli.main(["summarize", "--db", str(db), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["n_reports"] == 24
    assert len(doc["tables"]["overview"]) == 1
    assert doc["tables"]["overview"][0]["reports"] == 24
